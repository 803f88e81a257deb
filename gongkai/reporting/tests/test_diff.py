from __future__ import annotations

from gongkai.reporting.diff import diff_contents
from gongkai.reporting.tests.conftest import sample_content


def test_it_lists_changed_cells_with_their_official_labels_and_changed_lines():
    old = sample_content().to_dict()
    new_report = sample_content(t3__new__total=3)
    new_report.sections["problems"] = "问题。\n新增一段。"
    diff = diff_contents(old, new_report.to_dict())
    assert [(c.key, c.old, c.new) for c in diff.cells] == [("t3.new.total", 2, 3)]
    assert "一、本年新收政府信息公开申请数量" in diff.cells[0].label
    assert [s.key for s in diff.sections] == ["problems"]
    assert ("+", "新增一段。") in diff.sections[0].lines
    assert ("  "[0], "问题。") in diff.sections[0].lines


def test_identical_versions_have_an_empty_diff():
    data = sample_content().to_dict()
    assert diff_contents(data, data).empty
