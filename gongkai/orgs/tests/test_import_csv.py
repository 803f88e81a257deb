"""`gongkai orgs import FILE.csv`: all or nothing, every problem named by line and column."""

from pathlib import Path

import pytest

from gongkai.orgs.csv_import import OrganImportError, organs_import_csv
from gongkai.orgs.models import Organ
from gongkai.orgs.selectors import organ_path_to_root
from gongkai.orgs.tests.factories import make_credit_code, make_organ

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "organs.csv"
HEADER = "名称,类型,上级机关,统一社会信用代码\n"


def problems(text):
    with pytest.raises(OrganImportError) as info:
        organs_import_csv(text=text, name="t.csv")
    assert not Organ.objects.exists() or Organ.objects.filter(name="既有机关").exists()
    return [str(p) for p in info.value.problems]


def test_the_documented_example_imports_as_a_tree():
    created = organs_import_csv(text=EXAMPLE.read_text(encoding="utf-8"))
    assert len(created) == 9
    exam = Organ.objects.get(name="某县教育考试院")
    assert [o.name for o in organ_path_to_root(exam)] == [
        "某县教育考试院",
        "某县教育局",
        "某县人民政府",
    ]
    ecology = Organ.objects.get(name="某县生态环境分局")
    assert ecology.outside_system and "未纳入" in ecology.outside_note


def test_children_may_come_before_parents_and_refer_by_credit_code():
    code = make_credit_code()
    text = HEADER + f"县教育局,政府部门,{code},\n县政府,people's,,\n".replace(
        "县政府,people's,,", f"县政府,人民政府,,{code}"
    )
    organs_import_csv(text=text)
    assert Organ.objects.get(name="县教育局").parent == Organ.objects.get(credit_code=code)


def test_a_parent_may_be_an_organ_already_in_the_database():
    make_organ(name="既有机关")
    organs_import_csv(text=HEADER + "新部门,department,既有机关,\n")
    parent = Organ.objects.get(name="新部门").parent
    assert parent is not None and parent.name == "既有机关"


def test_a_missing_parent_names_the_line_and_column():
    found = problems(HEADER + "县政府,人民政府,,\n县教育局,政府部门,县人民政府,\n")
    assert found == [
        "第 3 行，parent 列：找不到上级机关“县人民政府”（既不在本文件中，也不在数据库中）"
        " / line 3, column parent: parent '县人民政府' is neither in this file nor in the database"
    ]


def test_a_cycle_is_refused_with_its_chain():
    found = problems(HEADER + "甲,政府部门,乙,\n乙,政府部门,丙,\n丙,政府部门,甲,\n")
    assert len(found) == 1
    assert "第 2 行，parent 列：上级关系形成循环：甲 → 乙 → 丙 → 甲（第 2、3、4 行）" in found[0]


def test_an_invalid_credit_code_is_refused_with_the_expected_check_character():
    found = problems(HEADER + "县政府,人民政府,,91350100M000100Y44\n")
    assert found[0].startswith(
        "第 2 行，credit_code 列：统一社会信用代码校验位错误：应为 3，实际为 4"
    )


def test_duplicates_in_the_file_and_in_the_database_are_refused():
    make_organ(name="既有机关")
    code = make_credit_code()
    found = problems(
        HEADER + f"甲,政府部门,,{code}\n甲,政府部门,,\n乙,政府部门,,{code}\n既有机关,政府部门,,\n"
    )
    assert any(f.startswith("第 3 行，name 列：与第 2 行重名") for f in found)
    assert any(
        f.startswith("第 4 行，credit_code 列：与第 2 行的统一社会信用代码相同") for f in found
    )
    assert any(f.startswith("第 5 行，name 列：数据库中已有机关“既有机关”") for f in found)
    assert Organ.objects.count() == 1


def test_every_row_problem_is_reported_at_once():
    found = problems(HEADER + "甲,部委,,\n,政府部门,,\n丙,政府部门,,123\n")
    assert [f.split("：")[0] for f in found] == [
        "第 2 行，kind 列",
        "第 3 行，name 列",
        "第 4 行，credit_code 列",
    ]


def test_an_unknown_or_missing_column_is_refused():
    found = problems("名称,上级,类型\n甲,,政府部门\n")
    assert found == ["第 1 行，上级 列：未知的列名 / line 1, column 上级: unknown column '上级'"]
    found = problems("名称\n甲\n")
    assert "缺少必需的列 kind（类型）" in found[0]


def test_an_outside_organ_needs_a_note():
    found = problems("名称,类型,未纳入年报填报系统,说明\n县法院,其他,是,\n")
    assert found[0].startswith("第 2 行，outside_note 列")


def test_a_quoted_field_spanning_lines_keeps_line_numbers_right():
    found = problems('名称,类型,说明\n甲,政府部门,"第一行\n第二行"\n乙,部委,\n')
    assert found[0].startswith("第 4 行，kind 列")


def test_the_command_imports_gb18030_files_from_excel(tmp_path, capsys, gongkai):
    path = tmp_path / "organs.csv"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert gongkai(["orgs", "import", str(path)]) == 0
    assert "已导入 9 个机关" in capsys.readouterr().out
    assert gongkai(["orgs", "tree"]) == 0
    tree = capsys.readouterr().out
    assert "  某县教育局" in tree and "    某县教育考试院" in tree
    assert "某县生态环境分局（未纳入年报填报系统）" in tree


def test_the_command_exits_1_and_imports_nothing_on_a_bad_file(tmp_path, capsys, gongkai):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "县政府,人民政府,,\n县教育局,政府部门,不存在,\n", encoding="utf-8")
    assert gongkai(["orgs", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "机关表 bad.csv 有 1 处错误，未导入任何机关" in err
    assert "第 3 行，parent 列" in err
    assert not Organ.objects.exists()
