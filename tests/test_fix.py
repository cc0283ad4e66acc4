"""--fix, --diff and the baseline: nothing lost, nothing changed outside the fixed spans."""

from __future__ import annotations

import codecs
import os

import pytest
from conftest import CLEAN, cli

BAD = (CLEAN.replace("请及时向我们反映", "请及时向我们反应")
       .replace("建立整改台账", "建立整改台帐")
       .replace("截至2024年10月31日", "截止2024年10月31日"))
FIXED = CLEAN


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
])
def test_fix_keeps_encoding_bom_and_line_endings_and_is_idempotent(tmp_path, encoding, bom,
                                                                     newline):
    path = tmp_path / "d.txt"
    path.write_bytes(bom + BAD.replace("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "已修复 3 处" in proc.stderr
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)
    assert os.stat(path).st_mode & 0o777 == 0o640
    again = cli("--fix", "d.txt", cwd=tmp_path)
    assert again.returncode == 0 and "已修复" not in again.stderr
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_diff_shows_the_change_and_writes_nothing(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    before = path.read_bytes()
    proc = cli("--diff", "d.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert "-如有意见建议" not in proc.stdout  # the diff is of whole lines
    assert any(line.startswith("+") and "向我们反映" in line for line in proc.stdout.splitlines())
    assert any(line.startswith("-") and "向我们反应" in line for line in proc.stdout.splitlines())
    assert path.read_bytes() == before


def test_unsafe_fixes_are_not_applied(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(CLEAN.replace("补充储备帐篷120顶", "建成蓄水池120立方"), encoding="utf-8")
    before = path.read_bytes()
    proc = cli("--fix", "d.txt", cwd=tmp_path)
    assert "立方米" in proc.stdout  # still reported …
    assert path.read_bytes() == before  # … but not rewritten


def test_baseline_accepts_old_findings_and_fails_on_new_ones(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(BAD, encoding="utf-8")
    written = cli("d.txt", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert "3" in written.stderr
    assert cli("d.txt", "--baseline", "baseline.json", cwd=tmp_path).returncode == 0
    # an edit elsewhere moves the old findings down a line: still accepted
    path.write_text("\n" + BAD, encoding="utf-8")
    assert cli("d.txt", "--baseline", "baseline.json", cwd=tmp_path).returncode == 0
    # a new defect still fails
    path.write_text("\n" + BAD.replace("逐项对账销号", "逐项对帐销号"), encoding="utf-8")
    proc = cli("d.txt", "--baseline", "baseline.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.count("confusables") == 1 and "对帐" in proc.stdout


def test_bad_baseline_is_a_clear_error(tmp_path):
    (tmp_path / "d.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    proc = cli("d.txt", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2 and "b.json" in proc.stderr
    assert cli("d.txt", "--baseline", "nope.json", cwd=tmp_path).returncode == 2


def test_fix_on_a_gb18030_crlf_copy_of_the_second_seed(shared, tmp_path):
    seed = (shared / "seeds" / "002_d0a76d0a540455dc.txt").read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    original = seed.replace("\n", "\r\n").encode("gb18030")
    path.write_bytes(original)
    assert cli("--diff", "seed.txt", cwd=tmp_path).returncode == 1
    assert path.read_bytes() == original  # --diff writes nothing
    cli("--fix", "seed.txt", cwd=tmp_path)
    fixed = path.read_bytes()
    text = fixed.decode("gb18030")  # still GB18030
    assert "向我们反映" in text and "向我们反应" not in text
    assert "台账管理" in text and "台帐" not in text
    assert text.count("\r\n") == seed.count("\n") and "\n" not in text.replace("\r\n", "")
    assert cli("--fix", "seed.txt", cwd=tmp_path).stderr.count("已修复") == 0
    assert path.read_bytes() == fixed  # idempotent
