"""Contact block: the fields the public needs to reach the issuing body, present and well formed.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/contact-block.yaml (`notice-lint explain contact-block` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import regex

from notice_lint import Finding, Message, hookimpl, load_data
from notice_lint.patterns import shipped_pattern

FIELDS = ("phone", "address", "postcode", "email")
NAMES = {"phone": ("联系电话", "a phone number"), "address": ("通讯地址", "a postal address"),
         "postcode": ("邮政编码", "a postcode"), "email": ("电子邮箱", "an e-mail address")}


@dataclass(frozen=True, eq=False)
class Options:
    require: tuple[str, ...] = ("phone", "address|email")

    def __post_init__(self) -> None:
        for item in self.require:
            for name in item.split("|"):
                if name not in FIELDS:
                    raise ValueError(f"require: unknown field {name} (known: {', '.join(FIELDS)})")


class Formats(NamedTuple):
    landline: regex.Pattern
    mobile: regex.Pattern
    hotline: regex.Pattern
    local: regex.Pattern
    separator: regex.Pattern
    postcode: regex.Pattern
    email: regex.Pattern


@cache
def formats() -> Formats:
    raw = load_data("notice_lint.configs", "contact.yaml")
    phone = raw["phone"]
    return Formats(*(shipped_pattern(phone[k]) for k in ("landline", "mobile", "hotline", "local",
                                                       "separator")),
                   shipped_pattern(raw["postcode"]), shipped_pattern(raw["email"]))


class ContactBlock:
    id = "contact-block"
    description = "联系方式：电话（含区号）、邮编（6位）、电子邮箱、通讯地址齐全且格式正确"
    description_en = ("contact block: phone (with area code), postcode (6 digits), e-mail and "
                      "address present where required and well formed")
    severity = "warning"
    reads = ("contact", "profile")
    Options = Options

    def check(self, document, options: Options):
        block = document.outline.contact
        if block is None:
            return
        f = formats()
        view = document.view
        for field in block.fields:
            problem = _problem(field, f)
            if problem:
                start, end = ((field.view_value_start, field.view_value_end) if field.value
                              else (field.view_label_start, field.view_value_start))
                yield Finding.at(view.locate(start, end), rule=self.id,
                                 message=Message(*problem), severity=self.severity)
        present = {field.kind for field in block.fields if field.value}
        missing = [item for item in options.require
                   if not any(name in present for name in item.split("|"))]
        if missing:
            zh = "或".join(NAMES[n][0] for n in missing[0].split("|"))
            en = " or ".join(NAMES[n][1] for n in missing[0].split("|"))
            for item in missing[1:]:
                zh += "、" + "或".join(NAMES[n][0] for n in item.split("|"))
                en += ", " + " or ".join(NAMES[n][1] for n in item.split("|"))
            yield Finding.at(view.locate(block.view_start, block.view_end), rule=self.id,
                             message=Message(f"联系方式缺少{zh}", f"the contact block has no {en}"),
                             severity=self.severity)


def _problem(field, f: Formats) -> tuple[str, str] | None:
    value = field.value.strip()
    label = field.label
    if not value:
        return f"{label}为空", f"{label} is empty"
    if field.kind == "phone":
        return _phone_problem(value, f, label)
    if field.kind == "postcode":
        digits = "".join(value.split())
        if not f.postcode.match(digits):
            count = sum(c.isdigit() for c in digits)
            return (f"邮政编码应为6位数字（现为“{value}”，{count}位）",
                    f"a postcode has 6 digits (this one, {value}, has {count})")
    if field.kind == "email" and not f.email.match(value):
        if "@" not in value:
            return (f"电子邮箱“{value}”缺少@，不是有效的邮箱地址",
                    f"e-mail address {value} has no @")
        return f"电子邮箱“{value}”格式不正确", f"e-mail address {value} is malformed"
    return None


def _phone_problem(value: str, f: Formats, label: str) -> tuple[str, str] | None:
    for number in (n for n in f.separator.split(value) if n):
        number = number.translate(_FULL_WIDTH_DIGITS)
        if f.landline.match(number) or f.mobile.match(number) or f.hotline.match(number):
            continue
        if f.local.match(number):
            return (f"{label}“{number}”缺少区号，应写作“0xxx-{number}”",
                    f"phone number {number} has no area code: write 0xxx-{number}")
        return (f"{label}“{number}”格式不正确：固定电话应为“区号-号码”（如0734-6813456），手机为11位",
                f"phone number {number} is malformed: a landline is area code-number "
                f"(0734-6813456), a mobile has 11 digits")
    return None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")


@hookimpl
def notice_lint_rules():
    return [ContactBlock()]
