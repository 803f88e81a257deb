"""`gongkai report render`: through the CLI entry point, as a user runs it."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from gongkai.annual_report.commands import report_main
from gongkai.annual_report.model import loads
from gongkai.annual_report.tests.conftest import DATA

SEED = str(DATA / "seed-2021.json")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = report_main(["render", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [
        ("html", b"<!DOCTYPE html>"),
        ("docx", b"PK"),
        ("xlsx", b"PK"),
        ("pdf", b"%PDF-"),
        ("json", b"{"),
    ],
)
def test_it_renders_the_seed_to_every_format(tmp_path: Path, fmt: str, magic: bytes) -> None:
    target = tmp_path / f"report.{fmt}"
    code, out, err = run(SEED, "--to", fmt, "-o", str(target))
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(magic)
    assert "已写入" in out and "wrote" in out


def test_the_format_follows_the_output_extension(tmp_path: Path) -> None:
    code, _, _ = run(SEED, "-o", str(tmp_path / "x.xlsx"))
    assert code == 0 and (tmp_path / "x.xlsx").read_bytes()[:2] == b"PK"


def test_without_output_it_writes_beside_the_input(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_text(Path(SEED).read_text(encoding="utf-8"), encoding="utf-8")
    code, _, _ = run(str(src), "--to", "html")
    assert code == 0 and (tmp_path / "r.html").exists()


def test_json_output_round_trips(tmp_path: Path) -> None:
    code, _, _ = run(SEED, "--to", "json", "-o", str(tmp_path / "copy.json"))
    assert code == 0
    assert loads((tmp_path / "copy.json").read_text(encoding="utf-8")) == loads(
        Path(SEED).read_text(encoding="utf-8")
    )


def test_an_unknown_format_is_refused_in_chinese_and_english(tmp_path: Path) -> None:
    code, _, err = run(SEED, "--to", "odt", "-o", str(tmp_path / "x.odt"))
    assert code == 2
    assert "不支持的输出格式 'odt'" in err and "unknown output format 'odt'" in err
    assert not (tmp_path / "x.odt").exists()


def test_an_unguessable_format_asks_for_to(tmp_path: Path) -> None:
    code, _, err = run(SEED, "-o", str(tmp_path / "x.bin"))
    assert code == 2 and "--to" in err


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.json"), "--to", "html")
    assert code == 2 and "文件不存在" in err and "no such file" in err and "Traceback" not in err


def test_a_bad_report_lists_every_problem_by_key(tmp_path: Path) -> None:
    data = json.loads(Path(SEED).read_text(encoding="utf-8"))
    data["cells"]["t3.new.total"] = "二十六"
    data["cells"]["t4.reconsideration.total"] = -1
    del data["cells"]["t2.penalty.decisions"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(str(bad), "--to", "pdf", "-o", str(tmp_path / "bad.pdf"))
    assert code == 2
    for key in ("t3.new.total", "t4.reconsideration.total", "t2.penalty.decisions"):
        assert err.count(key) == 2  # once in Chinese, once in English
    assert "3 处问题" in err and "3 problems" in err
    assert not (tmp_path / "bad.pdf").exists()


def test_malformed_json_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": ', encoding="utf-8")
    code, _, err = run(str(bad), "--to", "html", "-o", str(tmp_path / "x.html"))
    assert code == 2 and "不是有效的 JSON" in err and "第 1 行" in err


def test_an_unwritable_output_is_refused_cleanly(tmp_path: Path) -> None:
    code, _, err = run(SEED, "--to", "html", "-o", str(tmp_path / "missing-dir" / "x.html"))
    assert code == 2 and "输出目录不存在" in err and "does not exist" in err
    code, _, err = run(SEED, "--to", "html", "-o", str(tmp_path))
    assert code == 2 and "目录" in err
    if os.geteuid() != 0:  # root ignores permissions
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        code, _, err = run(SEED, "--to", "html", "-o", str(locked / "x.html"))
        assert code == 2 and "没有权限" in err


def test_it_never_overwrites_its_input(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    original = Path(SEED).read_text(encoding="utf-8")
    src.write_text(original, encoding="utf-8")
    code, _, err = run(str(src), "--to", "json", "-o", str(src))
    assert code == 2 and "输入文件" in err
    assert src.read_text(encoding="utf-8") == original


def test_the_gongkai_script_dispatches_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gongkai.cli import main

    assert main(["report", "render", SEED, "--to", "html", "-o", str(tmp_path / "x.html")]) == 0
    assert (tmp_path / "x.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
