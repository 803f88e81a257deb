"""Hypothesis strategies for annual reports, shared by every test that needs one.

`consistent_reports()` builds a report of either format version from random per-column
outcome counts — how many applications of each applicant type ended in each result row,
how many were carried over from last year and how many are carried forward — and derives
every other figure of table 三 from them, the way a generated report is built
(report-rules.md §10). It therefore satisfies every identity; table 四 and table 二 are
drawn so that the identities and the plausibility (SOFT) rules hold too, and section 六
states the 信息处理费, so the report raises no error and no warning.

Helpers:
- `build_report(...)`: the deterministic builder behind the strategy (for example-based tests);
- `consistent_pairs()`: (previous, current) reports of consecutive years that also satisfy
  the cross-year rules;
- `json_reports()`: reports exercising everything JSON must carry (nulls, Decimal money with
  many decimals, provenance, any unicode) — not necessarily consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.annual_report.model import AnnualReport, Provenance, ProvenanceSource
from gongkai.annual_report.schema import (
    SECTION_KEYS,
    T3_DETAIL_COLUMN_KEYS,
    T4_COLUMNS,
    T4_GROUPS,
    CellKind,
    get_format,
)

VERSIONS = ("2019", "2021")
YEARS = {"2019": (2019, 2020), "2021": (2021, 2035)}
FEE_STATEMENTS = (
    "本年度未收取信息处理费。",
    "本机关{year}年没有收取信息处理费。",
    "{year}年收取信息处理费0元。",
    "本年度共收取信息处理费{amount}元。",
)


@dataclass
class ColumnCounts:
    """One applicant column of table 三: how the year's applications ended."""

    results: dict[str, int]  # result row key → count (every row of 三 except （七）总计)
    carried_over: int  # open on 1 January
    carried_forward: int  # still open on 31 December

    @property
    def closed(self) -> int:
        return sum(self.results.values())

    @property
    def new(self) -> int:
        return self.closed + self.carried_forward - self.carried_over


@dataclass
class Table2:
    cells: dict[str, int | Decimal] = field(default_factory=dict)


def build_report(
    *,
    version: str,
    year: int,
    organ: str,
    columns: dict[str, ColumnCounts],
    t4: dict[str, tuple[int, int, int, int]],
    t2: dict[str, int | Decimal],
    sections: dict[str, str] | None = None,
) -> AnnualReport:
    """A report whose table 三 and 四 are derived from outcome counts (so consistent)."""
    fmt = get_format(version)
    report = AnnualReport.blank(organ=organ, year=year, format_version=version)
    report.title = report.default_title()
    cells = report.cells
    for c in T3_DETAIL_COLUMN_KEYS:
        col = columns[c]
        assert col.new >= 0, "carried_over cannot exceed closed + carried_forward"
        for row, n in col.results.items():
            cells[f"{row}.{c}"] = n
        cells[f"t3.total.{c}"] = col.closed
        cells[f"t3.carried_over.{c}"] = col.carried_over
        cells[f"t3.carried_forward.{c}"] = col.carried_forward
        cells[f"t3.new.{c}"] = col.new
    for row in fmt.t3_row_keys:
        cells[f"{row}.total"] = sum(int(cells[f"{row}.{c}"] or 0) for c in T3_DETAIL_COLUMN_KEYS)
    for g in T4_GROUPS:
        parts = t4[g.key]
        for (col_key, _), n in zip(T4_COLUMNS, parts, strict=False):
            cells[f"t4.{g.key}.{col_key}"] = n
        cells[f"t4.{g.key}.total"] = sum(parts)
    for key, value in t2.items():
        assert key in cells, key
        cells[key] = value
    if sections is not None:
        report.sections.update(sections)
    assert set(cells) == set(fmt.cell_keys)
    return report


# --- strategies ----------------------------------------------------------------------------

# Most cells of a real table 三 are 0; small counts dominate, large ones occur.
counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 5000))


@st.composite
def column_counts(draw: st.DrawFn, version: str) -> ColumnCounts:
    rows = get_format(version).t3_result_row_keys
    results = {r: draw(counts) for r in rows}
    forward = draw(counts)
    over = draw(st.integers(0, sum(results.values()) + forward))
    return ColumnCounts(results, over, forward)


@st.composite
def t2_cells(draw: st.DrawFn, version: str) -> dict[str, int | Decimal]:
    """Table 二 values that satisfy T2-ISSUED-LE-INFORCE (2021) or T2-2019-ORDER (2019)."""
    out: dict[str, int | Decimal] = {}
    fmt = get_format(version)
    for key in fmt.t2_keys:
        kind = fmt.cell(key).kind
        if kind is CellKind.MONEY:
            out[key] = draw(money())
        elif kind is CellKind.SIGNED:
            out[key] = draw(st.integers(-500, 500))
        else:
            out[key] = draw(counts)
    for doc in ("regulations", "normative_documents"):
        if version == "2021":
            in_force = int(out[f"t2.{doc}.in_force"])
            out[f"t2.{doc}.issued"] = draw(st.integers(0, in_force))
        else:
            made = int(out[f"t2.{doc}.made"])
            published = draw(st.integers(0, made))
            out[f"t2.{doc}.published"] = published
            out[f"t2.{doc}.total_public"] = published + draw(counts)
    return out


def money() -> st.SearchStrategy[Decimal]:
    """Non-negative Decimal amounts, 0 to 6 decimal places and beyond (万元 amounts like
    159.1474 occur)."""
    return st.one_of(
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=0, max_value=10**4, places=6, allow_nan=False, allow_infinity=False),
        st.decimals(
            min_value=0, max_value=10**12, places=12, allow_nan=False, allow_infinity=False
        ),
    )


def narrative() -> st.SearchStrategy[str]:
    return st.text(max_size=200)


@st.composite
def sections(draw: st.DrawFn, year: int) -> dict[str, str]:
    out = {key: draw(narrative()) for key in SECTION_KEYS}
    fee = draw(st.sampled_from(FEE_STATEMENTS)).format(year=year, amount=draw(st.integers(0, 999)))
    out["other"] = f"{out['other']}\n{fee}"
    return out


@st.composite
def consistent_reports(draw: st.DrawFn, version: str | None = None) -> AnnualReport:
    version = version or draw(st.sampled_from(VERSIONS))
    low, high = YEARS[version]
    year = draw(st.integers(low, high))
    return build_report(
        version=version,
        year=year,
        organ=draw(st.sampled_from(("遂平县人民政府", "某市教育局", "某镇人民政府"))),
        columns={c: draw(column_counts(version)) for c in T3_DETAIL_COLUMN_KEYS},
        t4={g.key: tuple(draw(counts) for _ in range(4)) for g in T4_GROUPS},  # type: ignore[misc]
        t2=draw(t2_cells(version)),
        sections=draw(sections(year)),
    )


@st.composite
def consistent_pairs(draw: st.DrawFn) -> tuple[AnnualReport, AnnualReport]:
    """(previous, current) for consecutive years: this year's carried-over column equals last
    year's carried-forward one, and the table 二 chains hold within one format version."""
    previous = draw(consistent_reports())
    year = previous.year + 1
    version = "2021" if year >= 2021 else "2019"
    columns = {}
    for c in T3_DETAIL_COLUMN_KEYS:
        col = draw(column_counts(version))
        col.carried_over = int(previous.cells[f"t3.carried_forward.{c}"] or 0)
        if col.new < 0:  # make room: more of them still open at the end of this year
            col.carried_forward += -col.new
        columns[c] = col
    t2 = draw(t2_cells(version))
    if version == previous.format_version == "2021":
        for doc in ("regulations", "normative_documents"):
            before = int(previous.cells[f"t2.{doc}.in_force"] or 0)
            issued = draw(counts)
            repealed = draw(st.integers(0, before))
            t2[f"t2.{doc}.issued"] = issued
            t2[f"t2.{doc}.repealed"] = repealed
            t2[f"t2.{doc}.in_force"] = before + issued - repealed
            if issued > before + issued - repealed:  # keep T2-ISSUED-LE-INFORCE quiet too
                t2[f"t2.{doc}.repealed"] = repealed = 0
                t2[f"t2.{doc}.in_force"] = before + issued
    if version == previous.format_version == "2019":
        for item in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            prev_items = int(previous.cells[f"t2.{item}.prev_items"] or 0)
            change = int(previous.cells[f"t2.{item}.change"] or 0)
            t2[f"t2.{item}.prev_items"] = max(0, prev_items + change)
            if prev_items + change < 0:  # an item count cannot go below zero
                previous.cells[f"t2.{item}.change"] = -prev_items
    current = build_report(
        version=version,
        year=year,
        organ=previous.organ,
        columns=columns,
        t4={g.key: tuple(draw(counts) for _ in range(4)) for g in T4_GROUPS},  # type: ignore[misc]
        t2=t2,
        sections=draw(sections(year)),
    )
    return previous, current


provenances = st.builds(
    Provenance,
    source=st.sampled_from(list(ProvenanceSource)),
    note=st.text(max_size=30),
    records=st.lists(st.text(max_size=12), max_size=3),
    page=st.none() | st.integers(1, 500),
    line=st.none() | st.integers(1, 5000),
    table=st.none() | st.sampled_from(("二", "三", "四")),
    row=st.none() | st.integers(0, 40),
    column=st.none() | st.integers(0, 20),
    raw=st.none() | st.text(max_size=30),
    blank=st.booleans(),
    unit=st.none() | st.sampled_from(("元", "万元", "件")),
)


# JSON values as the model reads them back: numbers with a fraction come back as Decimal
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False, places=4)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def json_reports(draw: st.DrawFn) -> AnnualReport:
    """Reports holding everything the JSON form must carry losslessly."""
    report = draw(consistent_reports())
    fmt = report.format
    keys = list(fmt.cell_keys)
    for key in draw(st.lists(st.sampled_from(keys), max_size=20, unique=True)):
        report.cells[key] = None
    for key in keys:
        if fmt.cell(key).kind is CellKind.MONEY and report.cells[key] is not None:
            report.cells[key] = draw(money())
    for key in draw(st.lists(st.sampled_from(keys), max_size=8, unique=True)):
        report.provenance[key] = draw(provenances)
    report.sections = {k: draw(st.text(max_size=300)) for k in SECTION_KEYS}
    report.title = draw(st.text(max_size=60))
    report.extras = draw(st.dictionaries(st.text(max_size=10), json_values, max_size=4))
    report.organ = draw(st.text(min_size=1, max_size=30).filter(str.strip))
    return report
