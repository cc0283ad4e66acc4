"""A seeded generator of synthetic rectification-progress notices, with planted defects.

    python benchmarks/generate.py OUT_DIR [--files 2000] [--seed 7] [--defect-rate 0.3]
    python benchmarks/generate.py OUT_FILE --single-mb 50

The templates and vocabulary are our own; sizes run from about 3 to 15 KB per notice. A single
large notice (--single-mb) is one notice whose part 二 lists thousands of problems.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PLACES = ["青石县", "云溪县", "南岭县", "白沙县", "丰源市", "东湖区", "西塘县", "北溪区", "临江县", "望城县",
          "桃源县", "松阳市", "枫林区", "石门县", "清河县", "安乐县"]
UNITS = ["林业局", "水利局", "教育局", "交通运输局", "市场监督管理局", "卫生健康局", "自然资源局", "农业农村局",
         "住房和城乡建设局", "人力资源和社会保障局", "文化旅游广电体育局", "生态环境分局", "统计局", "审计局"]
ORGANISE = [
    "局党组把巡察整改作为重大政治任务，反馈会后第一时间召开党组会议，传达学习巡察反馈意见，研究部署整改工作。",
    "成立由党组书记任组长、班子成员任副组长的巡察整改工作领导小组，下设办公室负责日常调度。",
    "对照反馈意见逐条梳理，建立问题清单、任务清单、责任清单，明确责任领导、责任股室和完成时限。",
    "党组书记认真履行第一责任人责任，对重点难点问题亲自研究、亲自协调、亲自督办。",
    "班子成员按照分工抓好分管领域问题整改，做到问题不解决不松手、整改不到位不销号。",
    "领导小组办公室实行周报告、月调度，对推进缓慢的事项及时提醒督办，确保整改质量。",
    "坚持把巡察整改与推动本单位中心工作结合起来，以整改实效推动各项工作提质增效。",
]
PROBLEMS = ["项目资金监管不够到位", "制度执行不够严格", "干部队伍建设存在短板", "行政审批效率不高",
            "安全生产责任落实不到位", "基层党组织作用发挥不充分", "公务用车管理不规范", "档案管理不规范",
            "政府采购程序不严格", "工程项目管理存在漏洞", "意识形态工作责任落实不够", "财务报销审核不严"]
ACTIONS = [
    "一是开展专项检查，对发现的问题逐项建立整改台账，明确整改时限。",
    "二是修订完善相关管理办法，新建和修订制度{n}项，从源头上堵塞漏洞。",
    "三是组织业务培训{n}期，参训干部{m}人次，提升依法依规办事能力。",
    "四是对{y}年以来的相关事项开展复核，督促纠正不规范问题{n}个。",
    "五是建立常态化监督机制，每季度开展一次“回头看”，防止问题反弹。",
]
NEXT = ["局党组将坚持目标不变、标准不降、力度不减，对已完成整改的问题适时开展“回头看”，防止问题反弹。",
        "对需要长期坚持的问题建立长效机制，推动巡察整改成果转化为治理效能。",
        "把巡察整改与推进本系统高质量发展结合起来，以整改实效取信于民。"]
# planted defects: (what, how) applied to the generated text
DEFECTS = [
    ("请及时向我们反映", "请及时向我们反应"),
    ("截至{date}", "截止{date}"),
    ("建立整改台账", "建立整改台帐"),
    ("研究部署整改工作", "研究布署整改工作"),
    ("公开期限：", ""),
    ("（二）", "(二)"),
    ("巡察整改成果", "巡视整改成果"),
    ("整改情况：", "整改情况:"),
    ("新建和修订制度", "新建和修订制度 "),
    ("联系电话：0", "联系电话："),
]


def notice(rng: random.Random, problems: int | None = None, defect_rate: float = 0.3) -> str:
    place, unit = rng.choice(PLACES), rng.choice(UNITS)
    organ = f"中共{place}{unit}党组"
    year = rng.randint(2022, 2025)
    start_m = rng.randint(2, 8)
    feedback_m = start_m + 2
    notice_m = min(feedback_m + rng.randint(3, 4), 12)
    total = problems if problems is not None else rng.randint(3, 24)
    done = rng.randint(max(total - 3, 0), total)
    status_date = f"{year}年{notice_m}月1日"
    lines = []
    if rng.random() < 0.5:
        lines += [f"{organ}文件", f"{place[:1]}{unit[:1]}党〔{year}〕{rng.randint(1, 30)}号"]
    lines += [f"{organ}关于巡察整改进展情况的通报",
              f"根据县委统一部署，{year}年{start_m}月3日至{start_m + 1}月20日，县委第{rng.randint(1, 6)}巡察组"
              f"对{unit}党组进行了巡察。{year}年{feedback_m}月10日，巡察组向{unit}党组反馈了巡察意见。"
              f"按照巡察工作有关要求，现将巡察整改进展情况予以公布。",
              "一、组织整改落实情况",
              "".join(rng.sample(ORGANISE, rng.randint(3, len(ORGANISE)))),
              f"截至{status_date}，巡察反馈的{total}个问题，已完成整改{done}个，正在整改{total - done}个。",
              "二、巡察反馈问题整改进展情况"]
    for i in range(total):
        number = _cn(i + 1)
        title = rng.choice(PROBLEMS)
        actions = "".join(a.format(n=rng.randint(2, 9), m=rng.randint(20, 400), y=year - 1)
                          for a in ACTIONS[:rng.randint(3, 5)])
        status = "已完成整改。" if i < done else "正在整改。"
        lines += [f"（{number}）{title}", f"整改情况：{actions}{status}"]
    lines += ["三、下一步工作安排", "".join(NEXT),
              "欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。"
              f"联系电话：0739-{rng.randint(1000000, 9999999)}；通讯地址：{place}人民路{rng.randint(1, 200)}号"
              f"（邮编：4{rng.randint(10000, 99999)}）；电子邮箱：xczg{rng.randint(10, 99)}@163.com。"
              f"公开期限：{year}年{notice_m}月15日至{notice_m}月30日。",
              organ, f"{year}年{notice_m}月15日"]
    text = "\n\n".join(lines) + "\n"
    if rng.random() < defect_rate:
        for good, bad in rng.sample(DEFECTS, rng.randint(1, 3)):
            good = good.format(date=status_date)
            bad = bad.format(date=status_date)
            text = text.replace(good, bad, 1)
    return text


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else _cn(rest))
        return _cn(hundreds) + "百" + tail
    if n <= 10:
        return "十" if n == 10 else digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def corpus(out: Path, files: int, seed: int, defect_rate: float) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(files):
        data = notice(rng, defect_rate=defect_rate).encode("utf-8")
        (out / f"notice-{i:05}.txt").write_bytes(data)
        total += len(data)
    return total


def single(out: Path, megabytes: float, seed: int) -> int:
    rng = random.Random(seed)
    # one notice, its part 二 long enough for the size asked (about 440 bytes a problem)
    problems = max(3, int(megabytes * 1_000_000 / 440))
    data = notice(rng, problems=problems, defect_rate=1.0).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--defect-rate", type=float, default=0.3)
    parser.add_argument("--single-mb", type=float)
    parser.add_argument("--one-line", action="store_true",
                        help="with --single-mb: the whole notice on one line (a PDF copy gone wrong)")
    args = parser.parse_args()
    if args.single_mb and args.one_line:
        size = single(args.out, args.single_mb, args.seed)
        args.out.write_bytes(args.out.read_bytes().replace(b"\n", b""))
        print(f"{args.out}: {size / 1e6:.1f} MB on one line")
    elif args.single_mb:
        size = single(args.out, args.single_mb, args.seed)
        print(f"{args.out}: {size / 1e6:.1f} MB")
    else:
        size = corpus(args.out, args.files, args.seed, args.defect_rate)
        print(f"{args.out}: {args.files} notices, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
