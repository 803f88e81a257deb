"""Whole-report rules that need only the report's cells and sections (report-rules.md §2, §6):
RPT-FORMAT-VERSION, RPT-FEE-STATEMENT, T3-FEE-CONSISTENCY.

The rules that need the document's structure (RPT-SECTIONS, RPT-HEADINGS, RPT-TABLES,
RPT-LABELS, RPT-TITLE, RPT-PERIOD, TEXT-*) belong to the audit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import DETECTED_VERSIONS
from gongkai.annual_report.rules.registry import Basis, RuleContext, finding, rule
from gongkai.annual_report.rules.wording import quoted
from gongkai.annual_report.schema import (
    FORMATS,
    SECTIONS,
    VERSIONED_TABLES,
    FormatVersion,
    UnknownFormatError,
    format_for_year,
    get_format,
    version_specific_keys,
)

# --- RPT-FORMAT-VERSION ---------------------------------------------------------------------

FIRST_PLAUSIBLE_YEAR = 2000  # below this the year was not found, not wrong (the 2007 条例 took
# effect in 2008)


def _signals(fmt: FormatVersion, table: str) -> str:
    """What identifies `fmt` in `table` (format §1.1), from the schema's own labels."""
    if table == "二":
        return "、".join(c.label for c in fmt.t2_blocks[0].columns)
    rows = [r.label for r in fmt.t3_rows if r.group == "t3.other" or r.key == "t3.other"]
    return " / ".join(rows)


def detected_versions(ctx: RuleContext) -> dict[str, str]:
    """The version of each versioned table: the audit's per-table detection where given
    (`extras["detected_versions"]`, keys 二/三 or t2/t3), else the declared format."""
    given = ctx.report.extras.get(DETECTED_VERSIONS) or {}
    out = dict.fromkeys(VERSIONED_TABLES, ctx.report.format_version)
    if isinstance(given, dict):
        for table, tag in given.items():
            name = {"t2": "二", "t3": "三"}.get(str(table), str(table))
            if name in out and str(tag) in FORMATS:
                out[name] = str(tag)
    return out


@rule(
    "RPT-FORMAT-VERSION",
    Severity.ERROR,
    Basis.OFFICIAL,
    "各表的格式版本与报告年度相符（2019–2020 年用 2019 年试行格式，2021 年起用 2021 年格式），且各表版本一致",
    "each table's format version matches the year (2019–2020: 2019; 2021 on: 2021), and all "
    "tables use the same version",
)
def format_version(ctx: RuleContext) -> Iterator[Finding]:
    year = ctx.report.year
    if year < FIRST_PLAUSIBLE_YEAR:  # an import that found no year stores 0
        ctx.skip("报告年度不明", "the report year is unknown")
        return
    tables = detected_versions(ctx)
    try:
        expected: FormatVersion | None = format_for_year(year)
    except UnknownFormatError:
        expected = None
    if expected is None:
        known = "；".join(
            f"{f.tag} 年格式（{f.notice_number}）适用于 {f.first_year}–{f.last_year or ''} 年度"
            for f in FORMATS.values()
        )
        yield finding(
            "RPT-FORMAT-VERSION",
            f"{year} 年度没有适用的年报格式，本报告按 {ctx.report.format_version} 年格式填报。{known}。",
            f"No annual-report format applies to {year}; the report uses the "
            f"{ctx.report.format_version} format. Formats: "
            + "; ".join(
                f"{f.tag} for {f.first_year}–{f.last_year or ''}" for f in FORMATS.values()
            ),
            year=year,
            actual=ctx.report.format_version,
        )
    wrong = {t: v for t, v in tables.items() if expected is not None and v != expected.tag}
    if expected is not None and wrong and len(set(tables.values())) == 1:
        used = get_format(next(iter(tables.values())))
        yield finding(
            "RPT-FORMAT-VERSION",
            f"{year} 年度报告应使用 {expected.tag} 年格式（{expected.notice_number}），本报告使用的是 "
            f"{used.tag} 年格式（{used.notice_number}，表二列为{_signals(used, '二')}）。",
            f"A {year} report must use the {expected.tag} format ({expected.notice_number}); this "
            f"report uses the {used.tag} format ({used.notice_number}).",
            expected=expected.tag,
            actual=used.tag,
        )
        return
    for table, tag in wrong.items():
        assert expected is not None
        used = get_format(tag)
        yield finding(
            "RPT-FORMAT-VERSION",
            f"表{table}使用的是 {used.tag} 年格式（{_signals(used, table)}），{year} 年度报告应使用 "
            f"{expected.tag} 年格式（{expected.notice_number}：{_signals(expected, table)}）；"
            f"本报告各表格式不一致：" + "，".join(f"表{t} {v}" for t, v in tables.items()) + "。",
            f"Table {table} is laid out in the {used.tag} format; a {year} report must use the "
            f"{expected.tag} format ({expected.notice_number}). The tables mix versions: "
            + ", ".join(f"table {t} {v}" for t, v in tables.items())
            + ".",
            version_specific_keys(ctx.report.format_version, table),
            table=table,
            expected=expected.tag,
            actual=used.tag,
        )
    if expected is None and len(set(tables.values())) > 1:
        yield finding(
            "RPT-FORMAT-VERSION",
            "本报告各表格式版本不一致："
            + "，".join(f"表{t} {v}" for t, v in tables.items())
            + "。",
            "The tables mix format versions: "
            + ", ".join(f"table {t} {v}" for t, v in tables.items())
            + ".",
            versions=tables,
        )


# --- the 信息处理费 statement in section 六 --------------------------------------------------

FEE_FIRST_YEAR = 2021  # 〔2021〕30号 asks for the fee in 六 from the 2021 reports on
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_FEE_WORD = re.compile(r"信息处理费|(?:依申请|政府信息公开)[^。；]*(?:处理费|费用|收费)")
_NOT_THIS_FEE = "行政事业性收费"  # t2.fees.amount: another figure altogether (report-rules §4)
_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万)?元|零元")
_NONE = re.compile(r"未|没有|无|免|零|不收|均不|(?<![\d.])0(?![\d.])")
_DENIES_NOTICE = re.compile(
    r"(?:未|没有|无|从未|不曾)[^。；]{0,12}收费通知|收费通知[^。；]{0,6}(?:0|零)件"
    r"|不收取[^。；]{0,8}(?:信息)?处理费|免收[^。；]{0,8}(?:信息)?处理费|一律不收"
)


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def fee_sentences(text: str) -> list[str]:
    """The sentences of `text` about the 信息处理费 (not the 行政事业性收费 of table 二)."""
    return [
        s
        for s in _SENTENCE.findall(_normal(text))
        if _FEE_WORD.search(s) and _NOT_THIS_FEE not in s
    ]


def states_fee(sentence: str) -> bool:
    """True when a fee sentence gives an amount or says none was collected."""
    return bool(_AMOUNT.search(sentence) or _NONE.search(sentence))


@rule(
    "RPT-FEE-STATEMENT",
    Severity.WARNING,
    Basis.OFFICIAL,
    "2021 年度起：第六部分写明收取信息处理费的情况（包括“未收取”或“0 元”）",
    "from 2021: section 六 states the 信息处理费 collected (including none or 0 元)",
)
def fee_statement(ctx: RuleContext) -> Iterator[Finding]:
    report = ctx.report
    if report.year < FEE_FIRST_YEAR:
        return
    six = SECTIONS[5]
    sentences = fee_sentences(report.sections.get(six.key, ""))
    if any(states_fee(s) for s in sentences):
        return
    basis = "国办公开办函〔2021〕30号要求在第六部分专门报告信息处理费收取情况（未收取的写明未收取或 0 元）"
    basis_en = "〔2021〕30号 requires the fee to be reported in section 六 (say none, or 0 元)"
    if sentences:
        yield finding(
            "RPT-FEE-STATEMENT",
            f"{quoted(six.heading)}提到信息处理费，但没有写明收取金额或未收取：“{sentences[0]}”。{basis}。",
            f"Section 六 mentions the 信息处理费 but states neither an amount nor that none was "
            f"collected: “{sentences[0]}”. {basis_en}.",
            section=six.key,
        )
        return
    elsewhere = [
        s
        for s in SECTIONS[:5]
        if any(states_fee(x) for x in fee_sentences(report.sections.get(s.key, "")))
    ]
    where, where_en = "", ""
    if elsewhere:
        where = f"信息处理费写在了{quoted(elsewhere[0].heading)}中，"
        where_en = f"The fee is stated in section {elsewhere[0].numeral} instead; "
    yield finding(
        "RPT-FEE-STATEMENT",
        f"{quoted(six.heading)}没有说明信息处理费的收取情况。{where}{basis}。",
        f"Section 六 ({six.title}) does not state the 信息处理费 collected. {where_en}{basis_en}.",
        section=six.key,
        stated_in=elsewhere[0].key if elsewhere else None,
    )


@rule(
    "T3-FEE-CONSISTENCY",
    Severity.INFO,
    Basis.SOFT,
    "2021 格式：表三“逾期未按收费通知要求缴纳费用”不为 0 说明本年发出过收费通知，第六部分的收费说明不应与之矛盾",
    "2021 format: a non-zero t3.other.no_fee.total means fee notices were issued; section 六 "
    "should not say otherwise",
    versions=("2021",),
)
def fee_consistency(ctx: RuleContext) -> Iterator[Finding]:
    key = "t3.other.no_fee.total"
    values = ctx.values([key])
    if values is None or values[0] == 0:
        return
    six = SECTIONS[5]
    text = _normal(ctx.report.sections.get(six.key, ""))
    match = _DENIES_NOTICE.search(text)
    if match is None:
        return
    sentence = next(s for s in _SENTENCE.findall(text) if match.group(0) in s)
    label = ctx.fmt.cell(key).label
    yield finding(
        "T3-FEE-CONSISTENCY",
        f"{label} 为 {values[0]}，说明本年向申请人发出过收费通知；但{quoted(six.heading)}写道：“{sentence}”。请核实。",
        f"{key} is {values[0]}, so fee notices were issued this year, but section 六 says: "
        f"“{sentence}”. Please verify.",
        (key,),
        expected="fee notices issued",
        actual=sentence,
    )
