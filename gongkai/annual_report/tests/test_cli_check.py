"""`gongkai report check` and `gongkai report template`, through the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.annual_report.commands import report_main
from gongkai.annual_report.model import dumps
from gongkai.annual_report.schema import T3_NOTE
from gongkai.annual_report.tests.factories import sample_report

ROOT = Path(__file__).resolve().parents[3]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = report_main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: dict, name: str = "report.json") -> str:
    path = tmp_path / name
    path.write_text(dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def good(tmp_path):
    return sample_report().to_dict()


def test_a_consistent_report_checks_clean_with_exit_0(tmp_path, good):
    code, out, err = run("check", write(tmp_path, good))
    assert (code, err) == (0, "")
    assert "未发现问题" in out and "no findings" in out


def test_the_broken_official_balance_exits_1_and_names_the_rule_and_rows(
    tmp_path, good, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "400")  # the table wraps long labels at narrower widths
    good["cells"]["t3.carried_forward.natural_person"] = 2
    good["cells"]["t3.carried_forward.total"] = 2
    code, out, _ = run("check", write(tmp_path, good))
    assert code == 1
    assert "T3-BALANCE" in out and "错误" in out and "自然人" in out
    assert "结转下年度" in out


def test_the_table_wraps_chinese_messages_without_cutting_them_off(tmp_path, good, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    good["cells"]["t3.carried_forward.natural_person"] = 2
    good["cells"]["t3.carried_forward.total"] = 2
    _, out, _ = run("check", write(tmp_path, good))
    message_column = "".join(
        line.split("│")[3].strip() for line in out.splitlines() if line.count("│") == 4
    )
    assert "…" not in message_column
    assert "「四、结转下年度继续办理」2=29" in message_column.replace(" ", "")
    assert T3_NOTE in message_column


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"t3.granted.total": 21}, "T3-ROWSUM"),
        ({"t3.partial.natural_person": 4, "t3.partial.total": 4}, "T3-RESULTS-TOTAL"),
        ({"t4.litigation_direct.total": 3}, "T4-TOTALS"),
    ],
)
def test_each_broken_identity_is_reported_with_exit_1(tmp_path, good, changes, rule):
    good["cells"].update(changes)
    code, out, _ = run("check", "--json", write(tmp_path, good))
    assert code == 1
    result = json.loads(out)
    assert rule in {f["rule"] for f in result["findings"]}
    assert result["summary"]["error"] >= 1


def test_a_2019_format_report_for_2021_exits_1(tmp_path):
    data = sample_report("2019", year=2021).to_dict()
    data["sections"]["other"] = "本年度未收取信息处理费。"
    code, out, _ = run("check", "--json", write(tmp_path, data))
    assert code == 1
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "RPT-FORMAT-VERSION"]
    assert f["severity"] == "error" and "国办公开办函〔2021〕30号" in f["message"]


def test_a_2021_file_holding_2019_table_two_keys_exits_1_naming_the_table(tmp_path, good):
    for key in [k for k in good["cells"] if k.startswith("t2.")]:
        del good["cells"][key]
    old = sample_report("2019").to_dict()["cells"]
    good["cells"].update({k: v for k, v in old.items() if k.startswith("t2.")})
    code, out, err = run("check", "--json", write(tmp_path, good))
    assert (code, err) == (1, "")
    (f,) = [f for f in json.loads(out)["findings"] if f["rule"] == "RPT-FORMAT-VERSION"]
    assert f["details"]["table"] == "二" and "表二使用的是 2019 年格式" in f["message"]


def test_json_output_follows_the_audit_contract(tmp_path, good):
    good["cells"]["t4.reconsideration.upheld"] = 2
    path = write(tmp_path, good)
    code, out, _ = run("check", path, "--json")
    result = json.loads(out)
    assert code == 1
    assert result["source"] == path and result["year"] == 2021
    (f,) = result["findings"]
    assert set(f) >= {"rule", "severity", "message", "message_en", "cells"}
    assert f["severity"] == "error" and f["rule"] == "T4-TOTALS"
    assert "t4.reconsideration.total" in f["cells"]


def test_warnings_and_infos_alone_exit_0(tmp_path, good):
    good["cells"]["t3.new.natural_person"] = None  # not in the document → info only
    code, out, _ = run("check", write(tmp_path, good))
    assert code == 0
    assert "AUDIT-NOT-EVALUATED" in out


def test_previous_adds_the_cross_year_rules(tmp_path, good):
    last = sample_report(year=2020).to_dict()
    last["format_version"] = "2021"  # keep the sample's 2021 tables for the chain
    last["cells"]["t3.carried_forward.natural_person"] = 4
    last["cells"]["t3.carried_forward.total"] = 4
    path = write(tmp_path, good)
    previous = write(tmp_path, last, "2020.json")
    code, out, _ = run("check", path, "--json")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = run("check", path, "--previous", previous, "--json")
    found = json.loads(out)["findings"]
    assert code == 0  # cross-year findings are warnings and infos
    assert [f["details"]["column"] for f in found if f["rule"] == "CROSS-YEAR-CARRY"] == [
        "natural_person",
        "total",
    ]
    assert {f["severity"] for f in found} <= {"warning", "info"}


def test_previous_by_another_body_is_pointed_out(tmp_path, good):
    last = sample_report(year=2020).to_dict()
    last["format_version"] = "2021"
    last["organ"] = "某市教育局"
    code, _, err = run(
        "check", write(tmp_path, good), "--previous", write(tmp_path, last, "p.json")
    )
    assert code == 0 and "某市教育局" in err and "same body" in err


# --- bad input: exit 2, one bilingual message per problem, never a traceback ---------------


def test_a_missing_file_exits_2(tmp_path):
    code, out, err = run("check", str(tmp_path / "nope.json"))
    assert code == 2 and out == ""
    assert "文件不存在" in err and "no such file" in err


def test_malformed_json_exits_2_with_the_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"schema": "gongkai.annual-report/1",\n "cells": {,}}', encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 2
    assert "不是有效的 JSON" in err and "line 2" in err


def test_a_file_that_is_not_utf8_exits_2(tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes('{"organ": "遂平县"}'.encode("gbk"))
    code, _, err = run("check", str(path))
    assert code == 2 and "UTF-8" in err


def test_every_bad_key_and_value_gets_its_own_message(tmp_path, good):
    cells = good["cells"]
    cells["t3.nonsense"] = 1
    del cells["t3.new.research"]
    cells["t3.new.commercial"] = -1
    cells["t3.new.legal"] = 1.5
    cells["t3.new.social"] = "5件"
    cells["t2.fees.amount"] = -3
    code, out, err = run("check", write(tmp_path, good))
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(lines) == 6
    text = "\n".join(lines)
    for key, zh, en in [
        ("t3.nonsense", "没有这个单元格", "not a cell"),
        ("t3.new.research", "缺少这个单元格", "cell is missing"),
        ("t3.new.commercial", "件数不能为负数", "cannot be negative"),
        ("t3.new.legal", "不能有小数", "whole number"),
        ("t3.new.social", "应为数字或 null", "must be a number"),
        ("t2.fees.amount", "金额不能为负数", "cannot be negative"),
    ]:
        (line,) = [x for x in lines if x.startswith(f"  - {key}:")]
        assert zh in line and en in line, line
    assert "Traceback" not in text


def test_an_unknown_format_version_exits_2(tmp_path, good):
    good["format_version"] = "2020"
    code, _, err = run("check", write(tmp_path, good))
    assert code == 2
    assert "format_version" in err and "未知的格式版本" in err and "unknown format version" in err


def test_nan_and_duplicate_keys_are_rejected(tmp_path, good):
    text = dumps(good, indent=None)
    (tmp_path / "nan.json").write_text(
        text.replace('"t2.fees.amount": 159.1474', '"t2.fees.amount": NaN'), encoding="utf-8"
    )
    code, _, err = run("check", str(tmp_path / "nan.json"))
    assert code == 2 and "NaN" in err
    (tmp_path / "dup.json").write_text(
        text.replace('"organ":', '"year": 2021, "organ":'), encoding="utf-8"
    )
    code, _, err = run("check", str(tmp_path / "dup.json"))
    assert code == 2 and "year" in err and "不止一次" in err


def test_a_bad_previous_file_exits_2_naming_that_file(tmp_path, good):
    path = write(tmp_path, good)
    code, _, err = run("check", path, "--previous", str(tmp_path / "2020.json"))
    assert code == 2 and "2020.json" in err


# --- template ------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "version", "count"), [(2021, "2021", 200), (2020, "2019", 198)])
def test_the_template_holds_every_key_of_the_years_format_as_zero(tmp_path, year, version, count):
    target = tmp_path / "blank.json"
    code, out, _ = run("template", "--year", str(year), "-o", str(target))
    assert code == 0 and str(target) in out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format_version"] == version and data["year"] == year
    assert len(data["cells"]) == count and set(data["cells"].values()) == {0}
    assert data["sections"] == dict.fromkeys(
        ("overview", "proactive", "applications", "appeals", "problems", "other"), ""
    )
    assert data["title"].endswith(f"{year}年政府信息公开工作年度报告")
    # and the template itself is a readable report
    code, _, _ = run("check", str(target))
    assert code == 0


def test_the_template_goes_to_stdout_without_o():
    code, out, _ = run("template", "--year", "2022", "--organ", "某市教育局")
    data = json.loads(out)
    assert code == 0 and data["organ"] == "某市教育局" and data["format_version"] == "2021"
    assert data["title"] == "某市教育局2022年政府信息公开工作年度报告"


def test_the_template_format_version_can_be_overridden_with_a_note():
    code, out, err = run("template", "--year", "2021", "--format-version", "2019")
    assert code == 0 and json.loads(out)["format_version"] == "2019"
    assert "RPT-FORMAT-VERSION" in err


@pytest.mark.parametrize(
    "argv", [["--year", "2018"], ["--year", "2021", "--format-version", "2020"]]
)
def test_the_template_refuses_a_year_or_version_without_a_format(argv):
    code, out, err = run("template", *argv)
    assert code == 2 and out == ""
    assert "格式" in err and "format" in err


def test_the_template_does_not_overwrite_without_force(tmp_path):
    target = tmp_path / "blank.json"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run("template", "--year", "2021", "-o", str(target))
    assert code == 2 and "已存在" in err and target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run("template", "--year", "2021", "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8") != "mine"


def test_the_console_script_runs_check_in_a_fresh_process(tmp_path, good):
    good["cells"]["t4.reconsideration.total"] = 5
    path = write(tmp_path, good)
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "report", "check", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "T4-TOTALS" in proc.stdout and "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "report", "check", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2 and "文件不存在" in proc.stderr
    assert "Traceback" not in proc.stderr
