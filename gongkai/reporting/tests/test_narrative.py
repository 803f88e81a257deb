from __future__ import annotations

from decimal import Decimal

from gongkai.annual_report.model import AnnualReport
from gongkai.reporting import narrative


def seed_like():
    report = AnnualReport.blank(organ="遂平县人民政府", year=2021, format_version="2021")
    report.cells.update(
        {
            "t3.new.total": 26,
            "t3.carried_over.total": 1,
            "t3.total.total": 27,
            "t4.reconsideration.upheld": 1,
            "t4.reconsideration.total": 1,
            "t4.litigation_after_reconsideration.upheld": 1,
            "t4.litigation_after_reconsideration.total": 1,
            "t2.normative_documents.issued": 15,
            "t2.normative_documents.in_force": 118,
            "t2.fees.amount": Decimal("159.1474"),
        }
    )
    report.extras = {
        "scope": "consolidated",
        "organ_kind": "peoples_government",
        "organ_short_name": "县政府",
        "figures": {
            "proactive.total": 7589,
            "proactive.category.general": 64,
            "proactive.category.affairs": 1262,
            "proactive.category.documents": 45,
            "proactive.category.other": 6218,
            "proactive.channel.website": 4882,
            "proactive.channel.weibo": 1515,
            "proactive.channel.wechat": 1060,
            "proactive.channel.other": 132,
            "fees.processing": Decimal("0"),
        },
        "proactive_categories": [
            ["general", "概括类"],
            ["affairs", "政务（动态）类"],
            ["documents", "法规公文类"],
            ["other", "其他"],
        ],
        "applications_by_organ": [
            {"short_name": "县政府", "count": 6, "outside": False},
            {"short_name": "县自然资源局", "count": 8, "outside": False},
            {"short_name": "县生态环境分局", "count": 1, "outside": True},
        ],
        "outside_units": [
            {
                "short_name": "县法院",
                "figures": [
                    {
                        "key": "t2.fees.amount",
                        "label": "x",
                        "value": Decimal("159.1474"),
                        "unit": "万元",
                        "note": "收取诉讼费",
                    }
                ],
            }
        ],
    }
    return report


def test_it_writes_the_proactive_sentence_as_the_seed_does():
    assert narrative.proactive_paragraph(seed_like()) == (
        "2021年，县政府本级主动公开政府信息7589条。其中，概括类信息64条，政务（动态）类信息1262条，"
        "法规公文类信息45条，其他信息6218条。通过政府网站公开政府信息4882条，通过政务微博公开政府信息1515条，"
        "通过政务微信公开政府信息1060条，其他方式公开132条。"
    )


def test_it_writes_the_applications_and_appeals_sentence():
    assert narrative.applications_paragraph(seed_like()) == (
        "2021年，全县新受理政府信息公开申请26件，上年度结转1件，均已办结。"
        "全年共收到涉及政府信息公开行政复议1件、行政诉讼1件，均是结果维持。"
    )


def test_section_six_states_the_fee_and_names_the_outside_units():
    assert narrative.other_matters(seed_like()) == (
        "1、2021年未收取信息处理费。\n"
        "2、2021年全县政府信息公开申请数包括2021年新受理26件（县政府6件、县自然资源局8件、"
        "未纳入年报填报系统单位县生态环境分局1件）及上年度结转1件。\n"
        "3、2021年行政事业性收费金额包括未纳入年报填报系统单位县法院收取诉讼费159.1474万元。"
    )


def test_pending_cases_are_not_called_all_upheld():
    report = seed_like()
    report.cells.update({"t4.reconsideration.upheld": 0, "t4.reconsideration.pending": 1})
    assert narrative.appeals_sentence(report) == (
        "全年共收到涉及政府信息公开行政复议1件、行政诉讼1件，其中结果维持1件，尚未审结1件。"
    )


def test_a_draft_marks_what_the_preparer_must_write():
    sections = narrative.generate(seed_like())
    assert set(narrative.unfinished_prompts(sections)) == {"overview", "problems"}
