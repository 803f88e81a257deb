"""AnnualReport and its JSON form (the Report JSON contract of ARCHITECTURE.md)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gongkai.annual_report.model import (
    SCHEMA_ID,
    AnnualReport,
    Provenance,
    ProvenanceSource,
    ReportFileError,
    dumps,
    from_dict,
    loads,
    read_file,
)
from gongkai.annual_report.tests.factories import sample_report


def problems_of(data) -> dict[str, str]:
    with pytest.raises(ReportFileError) as exc:
        from_dict(data)
    return {p.key: f"{p.message} / {p.message_en}" for p in exc.value.problems}


def test_blank_holds_every_key_with_the_fill_value():
    report = AnnualReport.blank(organ="某县", year=2021, format_version="2021", fill=None)
    assert len(report.cells) == 200 and set(report.cells.values()) == {None}
    assert list(report.sections) == ["overview", "proactive", "applications", "appeals",
                                     "problems", "other"]  # fmt: skip
    assert report.default_title() == "某县2021年政府信息公开工作年度报告"


def test_the_json_carries_the_contract_fields():
    data = json.loads(sample_report().to_json())
    assert data["schema"] == SCHEMA_ID == "gongkai.annual-report/1"
    assert (data["format_version"], data["organ"], data["year"]) == ("2021", "遂平县人民政府", 2021)
    assert len(data["cells"]) == 200
    assert data["cells"]["t3.new.total"] == 30 and data["cells"]["t2.fees.amount"] == 159.1474


def test_money_is_written_as_an_exact_number_and_read_back_as_decimal():
    report = sample_report()
    report.cells["t2.fees.amount"] = Decimal("0.100000000000000000000001")
    text = report.to_json()
    assert '"t2.fees.amount": 0.100000000000000000000001' in text
    assert loads(text).cells["t2.fees.amount"] == Decimal("0.100000000000000000000001")


def test_dumps_cannot_be_fooled_by_text_that_looks_like_its_decimal_tag():
    text = dumps({"a": Decimal("1.50"), "b": "gkdec0000000000000000:1.5"})
    assert json.loads(text, parse_float=Decimal) == {
        "a": Decimal("1.50"),
        "b": "gkdec0000000000000000:1.5",
    }


def test_null_cells_and_provenance_survive_the_round_trip():
    report = sample_report()
    report.cells["t3.granted.legal"] = None
    report.provenance["t3.new.total"] = Provenance(
        ProvenanceSource.DOCUMENT, page=3, table="三", row=1, column=7, raw="", blank=True
    )
    report.provenance["t3.granted.total"] = Provenance(
        ProvenanceSource.COMPUTED, records=["application:17", "application:18"]
    )
    again = loads(report.to_json())
    assert again == report
    assert again.provenance["t3.new.total"].raw == ""  # an empty cell's text is not "no text"


def test_every_problem_of_a_file_is_listed_at_once():
    data = sample_report().to_dict()
    data["schema"] = "something/else"
    data["year"] = "2021"
    data["organ"] = " "
    data["cells"]["t3.new.total"] = -1
    data["cells"]["t4.reconsideration.total"] = "1"
    data["sections"]["extra"] = "x"
    data["sections"]["overview"] = 5
    data["provenance"] = {"t3.new.total": {"source": "guessed"}}
    found = problems_of(data)
    assert set(found) == {
        "schema",
        "year",
        "organ",
        "t3.new.total",
        "t4.reconsideration.total",
        "sections.extra",
        "sections.overview",
        "provenance.t3.new.total",
    }
    assert (
        "一、本年新收政府信息公开申请数量" in found["t3.new.total"]
    )  # the label, not just the key
    assert "/" in found["year"]  # Chinese / English


def test_the_other_versions_cells_are_named_as_such():
    data = sample_report().to_dict()
    data["cells"]["t2.procurement.items"] = 3  # one stray 2019 cell, not a whole table
    found = problems_of(data)
    assert set(found) == {"t2.procurement.items"}
    assert "2019 年格式的单元格" in found["t2.procurement.items"]


def test_a_half_converted_table_is_a_problem_not_a_mixed_version():
    data = sample_report("2021").to_dict()
    del data["cells"]["t2.regulations.issued"]
    data["cells"]["t2.regulations.made"] = 1
    found = problems_of(data)
    assert set(found) == {"t2.regulations.issued", "t2.regulations.made"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1.5, "整数"),
        (-2, "负数"),
        ("3", "数字或 null"),
        (True, "数字或 null"),
        ([1], "数字或 null"),
    ],
)
def test_count_values_are_validated(value, words):
    data = sample_report().to_dict()
    data["cells"]["t3.new.natural_person"] = value
    assert words in problems_of(data)["t3.new.natural_person"]


def test_a_whole_number_written_with_a_decimal_point_is_a_count():
    data = json.loads(sample_report().to_json())
    text = json.dumps(data, ensure_ascii=False).replace(
        '"t3.new.total": 30', '"t3.new.total": 30.0'
    )
    assert loads(text).cells["t3.new.total"] == 30


def test_the_2019_change_may_be_negative_but_not_fractional():
    data = sample_report("2019").to_dict()
    data["cells"]["t2.fees.change"] = -7
    assert from_dict(data).cells["t2.fees.change"] == -7
    data["cells"]["t2.fees.change"] = Decimal("-0.5")
    assert "整数" in problems_of(data)["t2.fees.change"]


def test_read_file_names_the_problem_with_the_file(tmp_path):
    with pytest.raises(ReportFileError, match="文件不存在"):
        read_file(tmp_path / "none.json")
    with pytest.raises(ReportFileError, match="目录"):
        read_file(tmp_path)
    (tmp_path / "x.json").write_bytes(b"\xff\xfe{")
    with pytest.raises(ReportFileError, match="UTF-8"):
        read_file(tmp_path / "x.json")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + sample_report().to_json().encode())
    assert read_file(tmp_path / "bom.json") == sample_report()


@pytest.mark.parametrize("text", ["", "[]", "null", '"report"', "{", '{"a": Infinity}'])
def test_text_that_is_no_report_object_is_one_clear_problem(text):
    with pytest.raises(ReportFileError) as exc:
        loads(text)
    assert exc.value.problems and all(p.message and p.message_en for p in exc.value.problems)


@pytest.mark.parametrize(
    ("provenance", "key"),
    [
        ([1, 2], "provenance"),
        ({"t3.nope": {"source": "manual"}}, "provenance.t3.nope"),
        ({"t3.new.total": {"source": "document", "page": "3"}}, "provenance.t3.new.total"),
        ({"t3.new.total": {"source": "computed", "records": "a,b"}}, "provenance.t3.new.total"),
        ({"t3.new.total": "computed"}, "provenance.t3.new.total"),
    ],
)
def test_malformed_provenance_is_named(provenance, key):
    data = sample_report().to_dict()
    data["provenance"] = provenance
    assert set(problems_of(data)) == {key}
