"""`gongkai audit` on files and folders: JSON contract, exit status, CSV, batch goes on."""

from __future__ import annotations

import csv
import io
import json

from gongkai.annual_report.commands import audit_main
from gongkai.annual_report.tests.conftest_audit import EXAMPLES, SEED


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = audit_main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_it_prints_one_json_object_for_one_document():
    code, out, _err = run(SEED, "--json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, dict)
    assert data["organ"] == "遂平县人民政府" and data["year"] == 2021
    assert data["cells"]["t2.licensing.decisions"] == 73021
    assert any(f["rule"] == "RPT-TABLES" for f in data["findings"])


def test_it_prints_an_array_for_several_and_goes_on_past_unreadable_files(tmp_path):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"\x00\xff" * 500)
    code, out, err = run(SEED, garbage, tmp_path / "absent.txt", "--json", "--quiet")
    assert code == 2
    data = json.loads(out)
    assert [d["source"].rsplit("/", 1)[-1] for d in data] == [
        "seed-suiping-2021.txt",
        "garbage.pdf",
        "absent.txt",
    ]
    assert data[0]["cells"]["t2.penalty.decisions"] == 3137
    assert data[1]["error"] and data[2]["error"]
    assert "garbage.pdf" in err


def test_it_audits_a_folder_and_writes_csv(tmp_path):
    target = tmp_path / "findings.csv"
    code, out, _err = run(EXAMPLES, "--csv", target, "--quiet")
    assert code == 0, out
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    sources = {r["source"].rsplit("/", 1)[-1] for r in rows}
    assert "pingtan-2022.txt" in sources and "excerpt-044.txt" in sources
    assert "审核汇总" in out


def test_exit_status_is_zero_when_it_ran_whatever_it_found():
    code, _out, _err = run(SEED)
    assert code == 0
