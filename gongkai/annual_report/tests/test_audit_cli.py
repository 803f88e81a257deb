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


def _hang_on_named_file(path, max_bytes, provenance):
    import time

    from gongkai.annual_report.commands import audit as cli

    if path.endswith("hang.txt"):
        while True:  # a pathological file: never finishes
            time.sleep(0.01)
    return cli._real_audit_one(path, max_bytes, provenance)  # type: ignore[attr-defined]


def _install_hang(monkeypatch):
    from gongkai.annual_report.commands import audit as cli

    monkeypatch.setattr(cli, "_real_audit_one", cli._audit_one, raising=False)
    monkeypatch.setattr(cli, "_audit_one", _hang_on_named_file)


def test_a_file_over_its_time_limit_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    _install_hang(monkeypatch)
    hang = tmp_path / "hang.txt"
    hang.write_text("一、总体情况\n", encoding="utf-8")
    code, out, _err = run(hang, SEED, "--json", "--quiet", "--timeout", "1")
    assert code == 2
    data = json.loads(out)
    assert "超时" in data[0]["error"] and data[1]["organ"] == "遂平县人民政府"


def test_jobs_run_in_worker_processes_with_time_limits(tmp_path, monkeypatch):
    _install_hang(monkeypatch)
    hang = tmp_path / "hang.txt"
    hang.write_text("x", encoding="utf-8")
    files = [SEED, hang, *sorted(EXAMPLES.glob("*.txt"))]
    code, out, _err = run(*files, "--json", "--quiet", "--jobs", "2", "--timeout", "2")
    assert code == 2
    data = json.loads(out)
    assert len(data) == len(files)
    by_name = {d["source"].rsplit("/", 1)[-1]: d for d in data}
    assert "超时" in by_name["hang.txt"]["error"]
    assert by_name["pingtan-2022.txt"]["cells"]["t3.total.total"] == 75
    assert all(not d.get("error") for n, d in by_name.items() if n != "hang.txt")


def test_jobs_give_the_same_results_as_one_process():
    files = sorted(EXAMPLES.glob("*.txt"))
    _c1, one, _e1 = run(*files, "--json", "--quiet", "--no-provenance")
    _c2, two, _e2 = run(*files, "--json", "--quiet", "--no-provenance", "--jobs", "2")
    assert json.loads(one) == json.loads(two)


def test_html_report_is_written(tmp_path):
    target = tmp_path / "audit.html"
    code, _out, _err = run(SEED, EXAMPLES / "pingtan-2022.txt", "--html", target, "--quiet")
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert "遂平县人民政府" in page and "平潭综合实验区" in page
    assert "RPT-TABLES" in page and "t2.licensing.decisions" in page
