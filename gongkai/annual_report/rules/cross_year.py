"""Cross-year rules: the same body's report for year t and for year t−1 (report-rules.md §5).

They run only when `check(..., previous=...)` is given, and only for consecutive years;
otherwise each says why it did not run (AUDIT-NOT-EVALUATED). The table 二 chains never cross
the 2020→2021 version change: the 2019 and 2021 quantities differ.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.rules.registry import Basis, RuleContext, Scope, finding, rule
from gongkai.annual_report.rules.similarity import compare
from gongkai.annual_report.rules.wording import difference, quoted
from gongkai.annual_report.schema import SECTIONS, T3_COLUMN_BY_KEY, T3_COLUMN_KEYS

SIMILARITY_THRESHOLD = 0.7  # share of a section copied verbatim from last year's
SIMILARITY_MIN_LENGTH = 50  # characters; a two-line section is alike by nature
PASSAGES_SHOWN = 3


def _previous(ctx: RuleContext) -> AnnualReport | None:
    """The previous report if it is for the year before; otherwise record why not."""
    prev = ctx.previous
    if prev is None:
        return None
    if prev.year != ctx.report.year - 1:
        ctx.skip(
            f"上年报告是 {prev.year} 年度的，不是 {ctx.report.year - 1} 年度",
            f"the previous report is for {prev.year}, not {ctx.report.year - 1}",
        )
        return None
    return prev


@rule(
    "CROSS-YEAR-CARRY",
    Severity.WARNING,
    Basis.DEF,
    "表三每一列：本年“上年结转”等于上年“结转下年度继续办理”",
    "table 三, every column: carried over this year = carried forward last year",
    scope=Scope.CROSS_YEAR,
)
def carry(ctx: RuleContext) -> Iterator[Finding]:
    prev = _previous(ctx)
    if prev is None:
        return
    over_label = ctx.fmt.t3_row("t3.carried_over").label
    forward_label = prev.format.t3_row("t3.carried_forward").label
    for c in T3_COLUMN_KEYS:
        mine = ctx.values([f"t3.carried_over.{c}"])
        theirs = ctx.values([f"t3.carried_forward.{c}"], prev)
        if mine is None or theirs is None:
            continue
        if mine[0] == theirs[0]:
            continue
        col = T3_COLUMN_BY_KEY[c].full_label
        diff, diff_en = difference(theirs[0], mine[0])
        yield finding(
            "CROSS-YEAR-CARRY",
            f"表三{quoted(col)}列：本年{quoted(over_label)} {mine[0]}，与 {prev.year} 年度报告"
            f"{quoted(forward_label)} {theirs[0]} 不一致（{diff}）。",
            f"Table 三, column {col} ({c}): carried over {mine[0]} in {ctx.report.year} but "
            f"carried forward {theirs[0]} in the {prev.year} report ({diff_en}).",
            (f"t3.carried_over.{c}",),
            column=c,
            expected=theirs[0],
            actual=mine[0],
            previous_cells=[f"t3.carried_forward.{c}"],
        )


@rule(
    "T2-INFORCE-CHAIN",
    Severity.INFO,
    Basis.SOFT,
    "表二（两年均为 2021 格式）：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止（清理后重新统计时可不成立）",
    "table 二 (2021 format both years): in force = last year's in force + issued − repealed",
    scope=Scope.CROSS_YEAR,
    versions=("2021",),
)
def in_force_chain(ctx: RuleContext) -> Iterator[Finding]:
    prev = _previous(ctx)
    if prev is None or prev.format_version != "2021":
        return
    for doc in ("regulations", "normative_documents"):
        keys = [f"t2.{doc}.{c}" for c in ("issued", "repealed", "in_force")]
        mine = ctx.values(keys)
        before = ctx.values([f"t2.{doc}.in_force"], prev)
        if mine is None or before is None:
            continue
        issued, repealed, in_force = mine
        expected = before[0] + issued - repealed
        if in_force == expected:
            continue
        spec = ctx.fmt.cell(keys[2])
        diff, diff_en = difference(expected, in_force)
        yield finding(
            "T2-INFORCE-CHAIN",
            f"表二{quoted(spec.row_label)}：{quoted(spec.column_label)} {in_force}，而上年 "
            f"{before[0]} + 本年制发 {issued} − 本年废止 {repealed} = {expected}（{diff}）。"
            "开展文件清理后重新统计的，可不一致。",
            f"Table 二, {spec.row_label} ({doc}): in force {in_force}, but last year's "
            f"{before[0]} + issued {issued} − repealed {repealed} = {expected} ({diff_en}). "
            "Legitimate after a clean-up (清理) re-counted the documents in force.",
            keys,
            row=doc,
            expected=expected,
            actual=in_force,
            previous_cells=[f"t2.{doc}.in_force"],
        )


@rule(
    "T2-PREV-ITEMS-CHAIN",
    Severity.WARNING,
    Basis.DEF,
    "表二（两年均为 2019 试行格式）：上一年项目数量 = 上年的上一年项目数量 + 上年的本年增/减",
    "table 二 (2019 format both years): prev_items = last year's prev_items + change",
    scope=Scope.CROSS_YEAR,
    versions=("2019",),
)
def prev_items_chain(ctx: RuleContext) -> Iterator[Finding]:
    prev = _previous(ctx)
    if prev is None or prev.format_version != "2019":
        return
    for item in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        key = f"t2.{item}.prev_items"
        mine = ctx.values([key])
        before = ctx.values([key, f"t2.{item}.change"], prev)
        if mine is None or before is None:
            continue
        expected = before[0] + before[1]
        if mine[0] == expected:
            continue
        spec = ctx.fmt.cell(key)
        change_label = ctx.fmt.cell(f"t2.{item}.change").column_label
        diff, diff_en = difference(expected, mine[0])
        yield finding(
            "T2-PREV-ITEMS-CHAIN",
            f"表二{quoted(spec.row_label)}：{quoted(spec.column_label)} {mine[0]}，应等于 "
            f"{prev.year} 年度的{quoted(spec.column_label)} {before[0]} + "
            f"{quoted(change_label)} {before[1]} = {expected}（{diff}）。",
            f"Table 二, {spec.row_label} ({item}): prev_items {mine[0]} should equal "
            f"{prev.year}'s prev_items {before[0]} + change {before[1]} = {expected} ({diff_en}).",
            (key,),
            row=item,
            expected=expected,
            actual=mine[0],
            previous_cells=[key, f"t2.{item}.change"],
        )


@rule(
    "CROSS-YEAR-SIMILARITY",
    Severity.INFO,
    Basis.SOFT,
    "正文与本机关上年报告几乎相同（内容雷同）：给出相同比例和照抄的段落",
    "narrative nearly identical to the body's previous report: ratio and copied passages",
    scope=Scope.CROSS_YEAR,
)
def similarity(ctx: RuleContext) -> Iterator[Finding]:
    prev = _previous(ctx)
    if prev is None:
        return
    for section in SECTIONS:
        result = compare(
            ctx.report.sections.get(section.key, ""), prev.sections.get(section.key, "")
        )
        if result.length < SIMILARITY_MIN_LENGTH or result.ratio < SIMILARITY_THRESHOLD:
            continue
        shown = [p if len(p) <= 60 else p[:60] + "…" for p in result.passages[:PASSAGES_SHOWN]]
        quotes = "；".join(f"“{p}”" for p in shown)
        percent = f"{result.ratio:.0%}"
        yield finding(
            "CROSS-YEAR-SIMILARITY",
            f"{quoted(section.heading)}有 {percent} 的文字与 {prev.year} 年度报告相同"
            f"（共 {len(result.passages)} 段照抄），例如：{quotes}。",
            f"{percent} of section {section.numeral} ({section.key}) is copied verbatim from the "
            f"{prev.year} report ({len(result.passages)} passage(s)), e.g. {quotes}.",
            section=section.key,
            ratio=round(result.ratio, 4),
            passages=list(result.passages),
        )
