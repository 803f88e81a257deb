"""Narrative drafts: sentences that state the report's figures, for a person to complete.

Only what the records say is generated — figures, and the statements that follow from them
(e.g. that no 信息处理费 was collected, which outside units are included). The descriptive
paragraphs (what the body did to manage information, build platforms, supervise …) are for the
preparer to write; the draft marks where they go with a bracketed prompt that submission
refuses to let through (see `PROMPT_MARK`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.schema import SECTION_KEYS

# A prompt left in a draft; `unfinished_prompts` finds them before submission.
PROMPT_MARK = "【请填写："

CHANNEL_PHRASES = (
    ("website", "通过政府网站公开政府信息{n}条"),
    ("weibo", "通过政务微博公开政府信息{n}条"),
    ("wechat", "通过政务微信公开政府信息{n}条"),
    ("other", "其他方式公开{n}条"),
)


def _n(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value if value is not None else 0)


def _int(value: Any) -> int:
    return int(value or 0)


def _prompt(text: str) -> str:
    return f"{PROMPT_MARK}{text}】"


def scope_phrases(report: AnnualReport) -> tuple[str, str]:
    """(the body's own level, the whole area) as the seed writes them: 县政府本级 / 全县."""
    short = str(report.extras.get("organ_short_name") or "") or report.organ
    if (
        report.extras.get("scope") == "consolidated"
        and report.extras.get("organ_kind") == "peoples_government"
    ):
        level = short.removesuffix("人民政府").removesuffix("政府") or short
        return f"{short}本级", f"全{level}"
    return short, short


def category_label(name: str) -> str:
    return name if name.endswith("信息") else f"{name}信息"


def proactive_paragraph(report: AnnualReport) -> str:
    fig = report.extras.get("figures", {})
    own, _ = scope_phrases(report)
    parts = [f"{report.year}年，{own}主动公开政府信息{_n(fig.get('proactive.total', 0))}条。"]
    cats = [
        f"{category_label(name)}{_n(fig.get(f'proactive.category.{code}', 0))}条"
        for code, name in report.extras.get("proactive_categories", [])
    ]
    if cats:
        parts.append("其中，" + "，".join(cats) + "。")
    channels = [
        phrase.format(n=_n(fig.get(f"proactive.channel.{code}", 0)))
        for code, phrase in CHANNEL_PHRASES
    ]
    parts.append("，".join(channels) + "。")
    return "".join(parts)


def applications_paragraph(report: AnnualReport) -> str:
    c = report.cells
    _, area = scope_phrases(report)
    new, carried = _int(c.get("t3.new.total")), _int(c.get("t3.carried_over.total"))
    done, forward = _int(c.get("t3.total.total")), _int(c.get("t3.carried_forward.total"))
    if not new and not carried:
        return f"{report.year}年，{area}未收到政府信息公开申请。" + appeals_sentence(report)
    text = f"{report.year}年，{area}新受理政府信息公开申请{new}件，上年度结转{carried}件"
    if forward == 0 and done:
        text += "，均已办结。" if done == new + carried else f"，办结{done}件。"
    else:
        text += f"，办结{done}件，结转下年度继续办理{forward}件。"
    return text + appeals_sentence(report)


def appeals_sentence(report: AnnualReport) -> str:
    c = report.cells
    recon = _int(c.get("t4.reconsideration.total"))
    suits = _int(c.get("t4.litigation_direct.total")) + _int(
        c.get("t4.litigation_after_reconsideration.total")
    )
    if not recon and not suits:
        return "全年未发生涉及政府信息公开的行政复议和行政诉讼。"
    text = f"全年共收到涉及政府信息公开行政复议{recon}件、行政诉讼{suits}件"
    groups = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    upheld = sum(_int(c.get(f"t4.{g}.upheld")) for g in groups)
    if upheld == recon + suits:
        return text + "，均是结果维持。"
    parts = []
    for col, label in (
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
    ):
        n = sum(_int(c.get(f"t4.{g}.{col}")) for g in groups)
        if n:
            parts.append(f"{label}{n}件")
    return text + "，其中" + "，".join(parts) + "。"


def normative_sentence(report: AnnualReport) -> str:
    c = report.cells
    if "t2.normative_documents.issued" not in c or c.get("t2.normative_documents.issued") is None:
        return ""
    return (
        f"{report.year}年制发行政规范性文件{_n(c.get('t2.normative_documents.issued'))}件，"
        f"废止{_n(c.get('t2.normative_documents.repealed'))}件，"
        f"年末现行有效{_n(c.get('t2.normative_documents.in_force'))}件。"
    )


def preamble(report: AnnualReport) -> str:
    return (
        f"根据《中华人民共和国政府信息公开条例》的规定，现公布{report.organ}{report.year}年政府信息公开工作年度报告。"
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议和行政诉讼情况、存在问题及改进情况、其他需要报告的事项六部分组成。"
        f"本年度报告中使用数据统计期限为{report.year}年1月1日至12月31日。"
    )


def overview(report: AnnualReport) -> str:
    return "\n\n".join(
        [
            preamble(report),
            "（一）主动公开情况",
            proactive_paragraph(report),
            "（二）依申请公开办理情况",
            applications_paragraph(report),
            "（三）政府信息管理情况",
            " ".join(x for x in (normative_sentence(report), _prompt("政府信息管理工作情况")) if x),
            "（四）政府信息公开平台建设情况",
            _prompt("政府网站、政务新媒体等公开平台建设情况"),
            "（五）监督保障情况",
            _prompt("考核、社会评议、责任追究和培训情况"),
        ]
    )


def other_matters(report: AnnualReport) -> str:
    """Section 六: the 信息处理费 statement (〔2021〕30号), and every unit outside the system
    whose hand-entered figures the report includes."""
    items: list[str] = []
    fees = Decimal(str(report.extras.get("figures", {}).get("fees.processing", 0) or 0))
    if fees:
        items.append(f"{report.year}年收取信息处理费{_n(fees)}元。")
    else:
        items.append(f"{report.year}年未收取信息处理费。")
    c = report.cells
    _, area = scope_phrases(report)
    by_organ = report.extras.get("applications_by_organ", [])
    if report.extras.get("scope") == "consolidated" and by_organ:
        names = "、".join(
            ("未纳入年报填报系统单位" if o["outside"] else "") + f"{o['short_name']}{o['count']}件"
            for o in by_organ
        )
        items.append(
            f"{report.year}年{area}政府信息公开申请数包括{report.year}年新受理{_int(c.get('t3.new.total'))}件"
            f"（{names}）及上年度结转{_int(c.get('t3.carried_over.total'))}件。"
        )
    subordinates = report.extras.get("subordinates") or []
    if subordinates:
        names = "、".join(str(s["organ"]) for s in subordinates)
        items.append(f"{report.year}年{area}数据包括下级单位报送的年度报告数据（{names}）。")
    for unit in report.extras.get("outside_units", []):
        for fig in unit["figures"]:
            if fig["key"].startswith("t3."):
                continue  # named in the applications item above
            what = "行政事业性收费金额" if fig["key"] == "t2.fees.amount" else f"“{fig['label']}”"
            items.append(
                f"{report.year}年{what}包括未纳入年报填报系统单位{unit['short_name']}{fig['note']}"
                f"{_n(fig['value'])}{fig['unit']}。"
            )
    return "\n".join(f"{i}、{text}" for i, text in enumerate(items, start=1))


def generate(report: AnnualReport) -> dict[str, str]:
    sections = dict.fromkeys(SECTION_KEYS, "")
    sections["overview"] = overview(report)
    sections["problems"] = _prompt(
        "本年度存在的主要问题，以及上一年度问题的改进情况和下一年度的改进措施"
    )
    sections["other"] = other_matters(report)
    return sections


def unfinished_prompts(sections: dict[str, str]) -> list[str]:
    return [key for key, text in sections.items() if PROMPT_MARK in (text or "")]
