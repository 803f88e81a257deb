"""The statutory annual report format (政府信息公开工作年度报告格式) as data.

Both format versions — `"2019"` (试行, 国办公开办函〔2019〕60号) and `"2021"`
(国办公开办函〔2021〕30号) — with their sections, tables, blocks, rows, columns, the exact
official labels and the canonical cell keys of docs/domain/annual-report-format.md §10.

Official labels live here and nowhere else: renderers, parsers and rules ask this module.
Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class CellKind(StrEnum):
    COUNT = "count"  # non-negative integer (件)
    SIGNED = "signed"  # integer, may be negative (2019 本年增/减)
    MONEY = "money"  # non-negative Decimal


# --- sections ------------------------------------------------------------------------------

SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")


@dataclass(frozen=True)
class Section:
    number: int  # 1..6
    key: str  # narrative key in the report JSON
    heading: str  # canonical heading with its ordinal, e.g. "一、总体情况"
    key_phrases: tuple[str, ...]  # phrases a parser recognises the heading by (format §3.1)

    @property
    def numeral(self) -> str:
        return SECTION_NUMERALS[self.number - 1]

    @property
    def title(self) -> str:
        """The heading without its ordinal."""
        return self.heading.split("、", 1)[1]


SECTIONS: tuple[Section, ...] = (
    Section(1, "overview", "一、总体情况", ("总体情况", "基本情况")),
    Section(2, "proactive", "二、主动公开政府信息情况", ("主动公开",)),
    Section(3, "applications", "三、收到和处理政府信息公开申请情况", ("申请",)),
    Section(4, "appeals", "四、政府信息公开行政复议、行政诉讼情况", ("复议", "诉讼")),
    Section(5, "problems", "五、存在的主要问题及改进情况", ("问题",)),
    Section(6, "other", "六、其他需要报告的事项", ("其他",)),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)

# Sub-heads of section 一 named by the format (RPT-OVERVIEW-SUBHEADS).
OVERVIEW_SUBHEADS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")


# --- shared cell description ------------------------------------------------------------------


@dataclass(frozen=True)
class CellSpec:
    key: str
    table: str  # "二", "三", "四"
    row_label: str  # official label of the row (table 二/三) or group (table 四)
    column_label: str  # official label of the column
    kind: CellKind
    unit: str  # "件", "万元", "" (no unit printed)
    path: tuple[str, ...]  # labels from the outermost header down, for messages and drill-down

    @property
    def label(self) -> str:
        """A human-readable location: "表三 › 一、本年新收… › 自然人"."""
        return " › ".join((f"表{self.table}", *self.path))


# --- table 二 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class T2Column:
    key: str  # column segment of the cell key ("issued")
    label: str


@dataclass(frozen=True)
class T2Row:
    key: str  # row segment ("normative_documents")
    label: str
    columns: tuple[T2Column, ...]  # the columns this row has values in
    kind: dict[str, CellKind] | None = None  # per-column kind where not COUNT

    def cell_key(self, column: str) -> str:
        return f"t2.{self.key}.{column}"

    def kind_of(self, column: str) -> CellKind:
        return (self.kind or {}).get(column, CellKind.COUNT)


@dataclass(frozen=True)
class T2Block:
    item: str  # "（一）"
    header: str  # "第二十条第（一）项"
    columns: tuple[T2Column, ...]  # header row after 信息内容
    rows: tuple[T2Row, ...]
    unit: str = "件"


_C21_DOCS = (
    T2Column("issued", "本年制发件数"),
    T2Column("repealed", "本年废止件数"),
    T2Column("in_force", "现行有效件数"),
)
_C21_DECISIONS = (T2Column("decisions", "本年处理决定数量"),)
_C21_FEES = (T2Column("amount", "本年收费金额（单位：万元）"),)

T2_BLOCKS_2021: tuple[T2Block, ...] = (
    T2Block(
        "（一）",
        "第二十条第（一）项",
        _C21_DOCS,
        (
            T2Row("regulations", "规章", _C21_DOCS),
            T2Row("normative_documents", "行政规范性文件", _C21_DOCS),
        ),
    ),
    T2Block(
        "（五）",
        "第二十条第（五）项",
        _C21_DECISIONS,
        (T2Row("licensing", "行政许可", _C21_DECISIONS),),
    ),
    T2Block(
        "（六）",
        "第二十条第（六）项",
        _C21_DECISIONS,
        (
            T2Row("penalty", "行政处罚", _C21_DECISIONS),
            T2Row("enforcement", "行政强制", _C21_DECISIONS),
        ),
    ),
    T2Block(
        "（八）",
        "第二十条第（八）项",
        _C21_FEES,
        (T2Row("fees", "行政事业性收费", _C21_FEES, {"amount": CellKind.MONEY}),),
        unit="万元",
    ),
)

_C19_DOCS = (
    T2Column("made", "本年新制作数量"),
    T2Column("published", "本年新公开数量"),
    T2Column("total_public", "对外公开总数量"),
)
_C19_ITEMS = (
    T2Column("prev_items", "上一年项目数量"),
    T2Column("change", "本年增/减"),
    T2Column("decisions", "处理决定数量"),
)
_C19_FEES = _C19_ITEMS[:2]
_C19_PROC = (T2Column("items", "采购项目数量"), T2Column("amount", "采购总金额"))
_SIGNED_CHANGE = {"change": CellKind.SIGNED}

T2_BLOCKS_2019: tuple[T2Block, ...] = (
    T2Block(
        "（一）",
        "第二十条第（一）项",
        _C19_DOCS,
        (
            T2Row("regulations", "规章", _C19_DOCS),
            T2Row("normative_documents", "规范性文件", _C19_DOCS),
        ),
    ),
    T2Block(
        "（五）",
        "第二十条第（五）项",
        _C19_ITEMS,
        (
            T2Row("licensing", "行政许可", _C19_ITEMS, _SIGNED_CHANGE),
            T2Row("other_services", "其他对外管理服务事项", _C19_ITEMS, _SIGNED_CHANGE),
        ),
    ),
    T2Block(
        "（六）",
        "第二十条第（六）项",
        _C19_ITEMS,
        (
            T2Row("penalty", "行政处罚", _C19_ITEMS, _SIGNED_CHANGE),
            T2Row("enforcement", "行政强制", _C19_ITEMS, _SIGNED_CHANGE),
        ),
    ),
    T2Block(
        "（八）",
        "第二十条第（八）项",
        _C19_FEES,
        (T2Row("fees", "行政事业性收费", _C19_FEES, _SIGNED_CHANGE),),
    ),
    T2Block(
        "（九）",
        "第二十条第（九）项",
        _C19_PROC,
        (T2Row("procurement", "政府集中采购", _C19_PROC, {"amount": CellKind.MONEY}),),
        unit="",
    ),
)

T2_FIRST_COLUMN_LABEL = "信息内容"


# --- table 三 --------------------------------------------------------------------------------

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT_HEADER = "申请人情况"
T3_ORG_HEADER = "法人或其他组织"


@dataclass(frozen=True)
class T3Column:
    key: str
    label: str
    under_org: bool  # sits under 法人或其他组织

    @property
    def full_label(self) -> str:
        """The label with its header above it: "法人或其他组织 › 商业企业"."""
        return f"{T3_ORG_HEADER} › {self.label}" if self.under_org else self.label


T3_COLUMNS: tuple[T3Column, ...] = (
    T3Column("natural_person", "自然人", False),
    T3Column("commercial", "商业企业", True),
    T3Column("research", "科研机构", True),
    T3Column("social", "社会公益组织", True),
    T3Column("legal", "法律服务机构", True),
    T3Column("other_org", "其他", True),
    T3Column("total", "总计", False),
)
T3_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in T3_COLUMNS)
T3_DETAIL_COLUMN_KEYS: tuple[str, ...] = T3_COLUMN_KEYS[:-1]  # C6 of report-rules.md
T3_COLUMN_BY_KEY: dict[str, T3Column] = {c.key: c for c in T3_COLUMNS}


@dataclass(frozen=True)
class T3Row:
    """A line of table 三's label column. `key` is None for group lines (no values)."""

    key: str | None
    label: str
    level: int  # 0 = 一、二、三、四; 1 = （一）…（七）; 2 = 1. 2. …
    group: str | None = None  # key prefix of the group it belongs to ("t3.denied")

    @property
    def is_group(self) -> bool:
        return self.key is None


T3_RESULTS_GROUP = "三、本年度办理结果"

_T3_HEAD = (
    T3Row("t3.new", "一、本年新收政府信息公开申请数量", 0),
    T3Row("t3.carried_over", "二、上年结转政府信息公开申请数量", 0),
    T3Row(None, T3_RESULTS_GROUP, 0),
    T3Row("t3.granted", "（一）予以公开", 1),
    T3Row("t3.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1),
    T3Row(None, "（三）不予公开", 1, "t3.denied"),
    T3Row("t3.denied.state_secret", "1.属于国家秘密", 2, "t3.denied"),
    T3Row("t3.denied.law_forbidden", "2.其他法律行政法规禁止公开", 2, "t3.denied"),
    T3Row("t3.denied.three_safety", "3.危及“三安全一稳定”", 2, "t3.denied"),
    T3Row("t3.denied.third_party", "4.保护第三方合法权益", 2, "t3.denied"),
    T3Row("t3.denied.internal_affairs", "5.属于三类内部事务信息", 2, "t3.denied"),
    T3Row("t3.denied.process_info", "6.属于四类过程性信息", 2, "t3.denied"),
    T3Row("t3.denied.enforcement_file", "7.属于行政执法案卷", 2, "t3.denied"),
    T3Row("t3.denied.query_matter", "8.属于行政查询事项", 2, "t3.denied"),
    T3Row(None, "（四）无法提供", 1, "t3.unable"),
    T3Row("t3.unable.not_held", "1.本机关不掌握相关政府信息", 2, "t3.unable"),
    T3Row("t3.unable.needs_creation", "2.没有现成信息需要另行制作", 2, "t3.unable"),
    T3Row("t3.unable.still_unclear", "3.补正后申请内容仍不明确", 2, "t3.unable"),
    T3Row(None, "（五）不予处理", 1, "t3.not_processed"),
    T3Row("t3.not_processed.petition", "1.信访举报投诉类申请", 2, "t3.not_processed"),
    T3Row("t3.not_processed.repeat", "2.重复申请", 2, "t3.not_processed"),
    T3Row("t3.not_processed.publication", "3.要求提供公开出版物", 2, "t3.not_processed"),
    T3Row("t3.not_processed.excessive", "4.无正当理由大量反复申请", 2, "t3.not_processed"),
    T3Row(
        "t3.not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        2,
        "t3.not_processed",
    ),
)
_T3_OTHER_2021 = (
    T3Row(None, "（六）其他处理", 1, "t3.other"),
    T3Row(
        "t3.other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        2,
        "t3.other",
    ),
    T3Row(
        "t3.other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        2,
        "t3.other",
    ),
    T3Row("t3.other.other", "3.其他", 2, "t3.other"),
)
_T3_OTHER_2019 = (T3Row("t3.other", "（六）其他处理", 1),)
_T3_TAIL = (
    T3Row("t3.total", "（七）总计", 1),
    T3Row("t3.carried_forward", "四、结转下年度继续办理", 0),
)

# The result rows (each closed application is counted in exactly one) — T3-RESULTS-TOTAL.
T3_RESULT_GROUPS = ("t3.denied", "t3.unable", "t3.not_processed", "t3.other")


# --- table 四 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class T4Group:
    key: str
    label: str  # 行政复议, or the litigation sub-header
    parent: str | None  # 行政诉讼 for the two litigation groups


T4_GROUPS: tuple[T4Group, ...] = (
    T4Group("reconsideration", "行政复议", None),
    T4Group("litigation_direct", "未经复议直接起诉", "行政诉讼"),
    T4Group("litigation_after_reconsideration", "复议后起诉", "行政诉讼"),
)
T4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_KEYS: tuple[str, ...] = tuple(f"t4.{g.key}.{c}" for g in T4_GROUPS for c, _ in T4_COLUMNS)


# --- tables and format versions ------------------------------------------------------------

TABLES = ("二", "三", "四")
# The tables whose layout differs between the versions (table 四 is the same in both):
# a document's version is detected per table (format §1.1, RPT-FORMAT-VERSION).
VERSIONED_TABLES = ("二", "三")
_TABLE_PREFIX = {"二": "t2.", "三": "t3.", "四": "t4."}


def table_of(key: str) -> str:
    """The table a cell key belongs to: "t3.new.total" → "三"."""
    for table, prefix in _TABLE_PREFIX.items():
        if key.startswith(prefix):
            return table
    raise KeyError(f"{key!r} is not a cell key")


TABLE_TITLES = {
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class FormatVersion:
    tag: str  # "2019" | "2021"
    title: str
    notice: str  # the notice that issued it
    notice_number: str  # "国办公开办函〔2021〕30号"
    first_year: int
    last_year: int | None  # None = still current
    t2_blocks: tuple[T2Block, ...]
    t3_rows: tuple[T3Row, ...]

    @property
    def t3_data_rows(self) -> tuple[T3Row, ...]:
        return tuple(r for r in self.t3_rows if r.key is not None)

    @property
    def t3_row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.t3_rows if r.key is not None)

    @property
    def t3_result_row_keys(self) -> tuple[str, ...]:
        """The rows under 三、本年度办理结果 except （七）总计: each closed application is
        counted in exactly one of them (T3-RESULTS-TOTAL)."""
        return tuple(
            r.key
            for r in self.t3_rows
            if r.key is not None and r.level >= 1 and r.key != "t3.total"
        )

    def t3_row(self, key: str) -> T3Row:
        for row in self.t3_rows:
            if row.key == key:
                return row
        raise KeyError(f"{key!r} is not a row of table 三 in format {self.tag}")

    def t3_group_label(self, group: str) -> str:
        """The label of a result group ("t3.denied" → "（三）不予公开"); in 2019 `t3.other` is
        a single row whose label is the group's."""
        for row in self.t3_rows:
            if row.group == group and row.is_group:
                return row.label
        return self.t3_row(group).label

    def t2_rows(self) -> tuple[T2Row, ...]:
        return tuple(row for block in self.t2_blocks for row in block.rows)

    @property
    def t2_keys(self) -> tuple[str, ...]:
        return tuple(row.cell_key(c.key) for row in self.t2_rows() for c in row.columns)

    @property
    def t3_keys(self) -> tuple[str, ...]:
        return tuple(f"{r}.{c}" for r in self.t3_row_keys for c in T3_COLUMN_KEYS)

    @property
    def cell_keys(self) -> tuple[str, ...]:
        return _cell_keys(self.tag)

    def cell(self, key: str) -> CellSpec:
        try:
            return _cell_specs(self.tag)[key]
        except KeyError:
            raise KeyError(f"{key!r} is not a cell of format {self.tag}") from None

    def has_cell(self, key: str) -> bool:
        return key in _cell_specs(self.tag)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


FORMAT_2019 = FormatVersion(
    tag="2019",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    notice="国务院办公厅政府信息与政务公开办公室《关于政府信息公开工作年度报告有关事项的通知》",
    notice_number="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    t2_blocks=T2_BLOCKS_2019,
    t3_rows=_T3_HEAD + _T3_OTHER_2019 + _T3_TAIL,
)
FORMAT_2021 = FormatVersion(
    tag="2021",
    title="中华人民共和国政府信息公开工作年度报告格式",
    notice="国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知",
    notice_number="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    t2_blocks=T2_BLOCKS_2021,
    t3_rows=_T3_HEAD + _T3_OTHER_2021 + _T3_TAIL,
)
FORMATS: dict[str, FormatVersion] = {"2019": FORMAT_2019, "2021": FORMAT_2021}


class UnknownFormatError(ValueError):
    """No format version is known for a year or tag."""


def get_format(tag: str) -> FormatVersion:
    try:
        return FORMATS[tag]
    except KeyError:
        raise UnknownFormatError(
            f"未知的年报格式版本 {tag!r}（可用：2019、2021）。"
            f" / Unknown format version {tag!r} (known: 2019, 2021)."
        ) from None


def version_specific_keys(tag: str, table: str) -> tuple[str, ...]:
    """The cell keys of `table` that exist in format `tag` and not in the other version."""
    own = _cell_keys(tag)
    others = set().union(*(_cell_keys(t) for t in FORMATS if t != tag))
    return tuple(k for k in own if table_of(k) == table and k not in others)


def format_for_year(year: int) -> FormatVersion:
    """The format a report for `year` must use (RPT-FORMAT-VERSION)."""
    for fmt in FORMATS.values():
        if fmt.covers(year):
            return fmt
    raise UnknownFormatError(
        f"{year} 年没有适用的年报格式（现行格式自 2019 年起）。"
        f" / No annual-report format applies to {year} (formats exist from 2019)."
    )


@cache
def _cell_specs(tag: str) -> dict[str, CellSpec]:
    fmt = FORMATS[tag]
    specs: dict[str, CellSpec] = {}
    for block in fmt.t2_blocks:
        for t2row in block.rows:
            for t2col in t2row.columns:
                kind = t2row.kind_of(t2col.key)
                unit = "万元" if "万元" in t2col.label else ("" if kind is CellKind.MONEY else "件")
                specs[t2row.cell_key(t2col.key)] = CellSpec(
                    t2row.cell_key(t2col.key), "二", t2row.label, t2col.label, kind, unit,
                    (block.header, t2row.label, t2col.label),
                )  # fmt: skip
    group_label: dict[str, str] = {r.group: r.label for r in fmt.t3_rows if r.is_group and r.group}
    for row in fmt.t3_rows:
        if row.key is None:
            continue
        path: tuple[str, ...] = (row.label,)
        if row.level >= 1:
            path = (T3_RESULTS_GROUP, *((group_label[row.group],) if row.group else ()), row.label)
        for col in T3_COLUMNS:
            col_path = (T3_ORG_HEADER, col.label) if col.under_org else (col.label,)
            key = f"{row.key}.{col.key}"
            specs[key] = CellSpec(
                key, "三", row.label, col.label, CellKind.COUNT, "件", (*path, *col_path)
            )
    for group in T4_GROUPS:
        for col_key, col_label in T4_COLUMNS:
            key = f"t4.{group.key}.{col_key}"
            head = (group.parent, group.label) if group.parent else (group.label,)
            specs[key] = CellSpec(
                key, "四", group.label, col_label, CellKind.COUNT, "件", (*head, col_label)
            )
    return specs


@cache
def _cell_keys(tag: str) -> tuple[str, ...]:
    fmt = FORMATS[tag]
    return fmt.t2_keys + fmt.t3_keys + T4_KEYS
