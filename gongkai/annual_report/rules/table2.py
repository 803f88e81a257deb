"""Table 二 rules within one report (report-rules.md §4). Both are SOFT: warnings.

Table 二 has no identity inside one report; these plausibility checks are all there is, and
most table 二 cells (decisions, fees, 2019 item counts) are covered by no single-report rule
at all — only by the cross-year chains (cross_year.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.rules.registry import Basis, RuleContext, finding, rule
from gongkai.annual_report.rules.wording import quoted

DOCUMENT_ROWS = ("regulations", "normative_documents")


@rule(
    "T2-ISSUED-LE-INFORCE",
    Severity.WARNING,
    Basis.SOFT,
    "表二（2021）：规章、行政规范性文件的本年制发件数不应多于现行有效件数（除非本年制发的又在本年废止）",
    "table 二 (2021): documents issued this year should not exceed those in force, unless "
    "what was issued was also repealed",
    versions=("2021",),
)
def t2_issued_le_in_force(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    for doc in DOCUMENT_ROWS:
        keys = [f"t2.{doc}.{c}" for c in ("issued", "repealed", "in_force")]
        values = ctx.values(keys)
        if values is None:
            continue
        issued, repealed, in_force = values
        if issued <= in_force:
            continue
        spec = {k: fmt.cell(k) for k in keys}
        # issued − in_force of this year's documents must have been repealed again this year
        needed = issued - in_force
        possible = repealed >= needed
        why = (
            f"只有本年制发的文件中至少 {needed} 件又在本年废止才可能如此"
            + ("（本年废止件数为 " + str(repealed) + "，数字上可能，请核实）" if possible
               else f"，而本年废止件数只有 {repealed}，不可能成立")
        )  # fmt: skip
        why_en = (
            f"possible only if at least {needed} of this year's documents were also repealed "
            f"this year (repealed: {repealed}"
            + ("; arithmetically possible, please verify)" if possible else "; impossible)")
        )
        row = spec[keys[0]].row_label
        yield finding(
            "T2-ISSUED-LE-INFORCE",
            f"表二{quoted(row)}：{quoted(spec[keys[0]].column_label)} {issued} 多于"
            f"{quoted(spec[keys[2]].column_label)} {in_force}；{why}。",
            f"Table 二, {row} ({doc}): issued {issued} exceeds in force {in_force}; {why_en}.",
            keys,
            row=doc,
            expected=f"<= {in_force}",
            actual=issued,
        )


@rule(
    "T2-2019-ORDER",
    Severity.WARNING,
    Basis.SOFT,
    "表二（2019 试行）：规章、规范性文件的本年新公开数量不多于本年新制作数量，对外公开总数量不少于本年新公开数量",
    "table 二 (2019): published ≤ made, and total public ≥ published",
    versions=("2019",),
)
def t2_2019_order(ctx: RuleContext) -> Iterator[Finding]:
    fmt = ctx.fmt
    for doc in DOCUMENT_ROWS:
        keys = [f"t2.{doc}.{c}" for c in ("made", "published", "total_public")]
        values = ctx.values(keys)
        if values is None:
            continue
        made, published, total_public = values
        made_l, pub_l, total_l = (fmt.cell(k).column_label for k in keys)
        row = fmt.cell(keys[0]).row_label
        if published > made:
            yield finding(
                "T2-2019-ORDER",
                f"表二{quoted(row)}：{quoted(pub_l)} {published} 多于{quoted(made_l)} {made}"
                "（本年新公开的应是本年新制作的一部分，请核实）。",
                f"Table 二, {row} ({doc}): published {published} exceeds made {made} "
                "(what is newly published this year should be part of what was newly made).",
                keys[:2],
                row=doc,
                expected=f"<= {made}",
                actual=published,
            )
        if total_public < published:
            yield finding(
                "T2-2019-ORDER",
                f"表二{quoted(row)}：{quoted(total_l)} {total_public} 少于{quoted(pub_l)} "
                f"{published}（对外公开总数应包含本年新公开的）。",
                f"Table 二, {row} ({doc}): total public {total_public} is less than published "
                f"this year {published} (the total includes this year's).",
                keys[1:],
                row=doc,
                expected=f">= {published}",
                actual=total_public,
            )
