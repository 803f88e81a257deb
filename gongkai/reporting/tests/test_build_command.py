from __future__ import annotations

import io
import json

from gongkai.annual_report.commands import report_main
from gongkai.orgs.models import Role
from gongkai.reporting.tests.conftest import make_user
from gongkai.reporting.tests.scenario import build


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = report_main(["build", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_it_prints_the_computed_report_json_with_the_narrative_figures(county, preparer):
    build(county, preparer, make_user("admin", county["gov"], Role.OFFICE_ADMIN))
    code, out, err = run("--organ", "县政府", "--year", "2021", "--consolidated", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "gongkai.annual-report/1" and data["organ"] == "遂平县人民政府"
    assert data["cells"]["t3.new.total"] == 4
    assert data["cells"]["t2.fees.amount"] == 160.6474
    assert data["extras"]["figures"]["proactive.total"] == 5
    assert all(f["severity"] != "error" for f in data["findings"])


def test_an_unknown_organ_is_a_clear_error(county):
    code, out, err = run("--organ", "不存在的局", "--year", "2021")
    assert code == 2 and "找不到机关" in err and out == ""


def test_a_year_without_a_format_is_a_clear_error(county):
    code, _, err = run("--organ", "县政府", "--year", "2010")
    assert code == 2 and "2010" in err
