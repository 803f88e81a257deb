"""Reading tables 二, 三 and 四 out of the token stream, by their labels.

Whatever the layout (grid, tabs, pipes, one cell per line, runs with no separator, PDF lines),
the stream is the same: label tokens, then value tokens. The reader keeps a buffer of the label
text seen since the last values; when values come, the buffer's tail is matched against the
official row labels of both format versions (exact after normalisation, else by similarity,
recording the deviation), and the values are taken from the same row — or, when the label's
row has none (one cell per line; PDF labels wrapped over lines), from the following rows.

A row with fewer value tokens than cells is a flattened run: `digits.candidates` cuts it and
the row's identities (T3-ROWSUM, T4-TOTALS) choose; a cut is accepted only if exactly one
survives, else the row stays null and the candidates are reported. Table 四 without headers
(the seed) is found as a row of numbers that no other table claims and whose three groups add
up. The format version is detected per table from its labels (format §1.1), never from the year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from gongkai.annual_report.parse import digits
from gongkai.annual_report.parse.base import Cell
from gongkai.annual_report.parse.layout import Tok
from gongkai.annual_report.parse.normalise import key, similarity, strip_ordinal
from gongkai.annual_report.schema import (
    FORMAT_2019,
    FORMAT_2021,
    FORMATS,
    T3_COLUMN_KEYS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    T2Row,
)

Value = int | Decimal


# --- row label catalogue -------------------------------------------------------------------------


@dataclass(frozen=True)
class RowSpec:
    table: str  # "二" | "三"
    ident: str  # "t2.licensing", "t3.denied.third_party"; group lines: "group:<label>"
    label: str
    core: str  # comparison key without the ordinal
    full: str  # comparison key with the ordinal
    versions: frozenset[str]
    group: bool = False


def _spec(table: str, ident: str, label: str, versions: set[str], group: bool = False) -> RowSpec:
    return RowSpec(
        table, ident, label, key(strip_ordinal(label)), key(label), frozenset(versions), group
    )


def _build_specs() -> tuple[list[RowSpec], list[RowSpec]]:
    t2: dict[tuple[str, str], set[str]] = {}
    for fmt in FORMATS.values():
        for row in fmt.t2_rows():
            t2.setdefault((f"t2.{row.key}", row.label), set()).add(fmt.tag)
    t2_specs = [_spec("二", ident, label, vs) for (ident, label), vs in t2.items()]
    t3: dict[tuple[str, str, bool], set[str]] = {}
    for fmt in FORMATS.values():
        for r in fmt.t3_rows:
            ident = r.key or f"group:{r.label}"
            t3.setdefault((ident, r.label, r.key is None), set()).add(fmt.tag)
    t3_specs = [_spec("三", ident, label, vs, group) for (ident, label, group), vs in t3.items()]
    return t2_specs, t3_specs


T2_SPECS, T3_SPECS = _build_specs()
_T3_LONG = [s for s in T3_SPECS if len(s.core) >= 10 and not s.group]
MATCH_WINDOW = 160
T2_MAX_CELLS = 3
T3_CELLS = len(T3_COLUMN_KEYS)
T4_CELLS = len(T4_GROUPS) * len(T4_COLUMNS)

_SIGNALS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量")
_SIGNALS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                 "本年增/减", "采购项目数量", "采购总金额", "第二十条第(九)项", "政府集中采购")  # fmt: skip
_BLOCK = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")
_T3_MARKERS = ("勾稽关系", "申请人情况")
_T3_COLUMN_LABELS = {c.label: c.key for c in T3_COLUMNS}
_T4_WORDS = ("结果维持", "结果纠正", "尚未审结", "未经复议", "复议后起诉")


def match_tail(buffer: str, specs: list[RowSpec]) -> tuple[RowSpec, float] | None:
    """The row label the buffer ends with: exact (after normalisation) first, else similar."""
    best: tuple[int, int, RowSpec] | None = None
    trimmed = buffer.rstrip(":：)）]】")
    for spec in specs:
        if len(spec.core) >= 4:
            pos = buffer.rfind(spec.core)
            if pos < 0 or len(buffer) - (pos + len(spec.core)) > 12:
                continue
            end = pos + len(spec.core)
        else:
            if spec.full != spec.core:  # short label with ordinal: 3.其他
                ordinal = spec.full[: len(spec.full) - len(spec.core)]
                forms = (
                    spec.full,
                    ordinal.rstrip(".、") + spec.core,
                    ordinal.rstrip(".、") + "、" + spec.core,
                )
                if not any(trimmed.endswith(f) for f in forms):
                    continue
            elif not trimmed.endswith(spec.core):
                continue
            end = len(trimmed)
        cand = (end, len(spec.core), spec)
        if best is None or cand[:2] > best[:2]:
            best = cand
    if best is not None:
        return best[2], 1.0
    # A long label cut by a line wrap (PDF): its beginning, possibly followed by a few
    # characters of a merged group cell printed beside it (（六）其 / 他处理).
    wrapped: tuple[int, int, RowSpec] | None = None
    for spec in specs:
        n = len(spec.core)
        if n < 12:
            continue
        pos = buffer.rfind(spec.core[:10])
        if pos < 0:
            continue
        rest = buffer[pos:]
        common = 0
        for a, b in zip(rest, spec.core, strict=False):
            if a != b:
                break
            common += 1
        junk = len(rest) - common
        if common >= max(10, int(0.45 * n)) and junk <= 6:
            cand = (pos + common, common, spec)
            if wrapped is None or cand[:2] > wrapped[:2]:
                wrapped = cand
    if wrapped is not None:
        return wrapped[2], round(wrapped[1] / len(wrapped[2].core), 2)
    # By similarity: compare the label with tails of the buffer of about its length.
    fuzzy: tuple[float, RowSpec] | None = None
    tail_chars = set(buffer[-50:])
    for spec in specs:
        n = len(spec.core)
        if n < 4:
            continue
        # cheap filter before difflib: most of the label's characters must be there
        core_chars = set(spec.core)
        if len(core_chars & tail_chars) < 0.6 * len(core_chars):
            continue
        for length in range(max(2, n - 4), n + 3):
            tail = buffer[-length:]
            if "。" in tail or ";" in tail or tail.count(",") > spec.core.count(","):
                continue
            score = similarity(tail, spec.core)
            if fuzzy is None or score > fuzzy[0]:
                fuzzy = (score, spec)
    if fuzzy is not None:
        score, spec = fuzzy
        threshold = 0.75 if len(spec.core) >= 8 else 0.82
        if score >= threshold:
            return spec, score
    return None


# --- results -------------------------------------------------------------------------------------


@dataclass
class ReadValue:
    value: Value
    tok: Tok
    blank: bool = False
    recovered: bool = False  # cut out of a flattened run


@dataclass
class RowHit:
    spec: RowSpec | None  # None for table 四
    slots: list[Tok]
    label_raw: str
    score: float
    label_cell: Cell | None
    buffer: str = ""  # all label text before the values
    next_buffer: str = ""  # label text before the next row's values (a wrapped label's end)


@dataclass
class Ambiguity:
    table: str
    row: str  # row ident
    raw: str
    candidates: list[list[Value]]
    cell: Cell
    truncated: bool = False


@dataclass
class LabelDeviation:
    table: str
    official: str
    printed: str
    score: float
    cell: Cell | None
    row: str | None = None  # row key (t2: "licensing", t3: "t3.denied.third_party")


@dataclass
class TableInfo:
    name: str  # "二" | "三" | "四"
    found: bool = False
    has_header: bool = False
    version: str | None = None
    first_row: int | None = None
    rows_found: list[str] = field(default_factory=list)
    rows_missing: list[str] = field(default_factory=list)
    blocks_missing: list[str] = field(default_factory=list)
    deviations: list[LabelDeviation] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    recovered: list[tuple[str, str, Cell]] = field(default_factory=list)
    unreadable: list[tuple[str, str, Cell]] = field(default_factory=list)  # row, raw, cell
    values: dict[str, ReadValue] = field(default_factory=dict)  # keys of the table's version
    headerless: bool = False
    version_signals: list[str] = field(default_factory=list)


@dataclass
class Tables:
    t2: TableInfo
    t3: TableInfo
    t4: TableInfo
    consumed_rows: set[int]

    def by_name(self) -> dict[str, TableInfo]:
        return {"二": self.t2, "三": self.t3, "四": self.t4}


# --- the reader ----------------------------------------------------------------------------------


class _Reader:
    def __init__(self, toks: list[Tok], heading_rows: dict[int, int]) -> None:
        self.toks = toks
        self.heading_rows = heading_rows
        self.state: str | None = None
        self.t2_hits: list[RowHit] = []
        self.t3_hits: list[RowHit] = []
        self.t4_hit: RowHit | None = None
        self.t2_text: list[str] = []
        self.t3_header: list[str] = []
        self.t4_text: list[str] = []
        self.orphans: list[list[Tok]] = []
        self.first: dict[str, int] = {}
        self.t3_columns: dict[str, int] = {}  # column label → grid column (grid layouts)
        self.seen_state: set[str] = set()

    def enter(self, state: str | None, row: int) -> None:
        self.state = state
        if state:
            self.seen_state.add(state)
            self.first.setdefault(state, row)

    def run(self) -> None:
        toks = self.toks
        buffer: list[Tok] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if t.first and t.row in self.heading_rows:
                number = self.heading_rows[t.row]
                self.enter({2: "二", 3: "三", 4: "四"}.get(number), t.row)
                buffer = []
            if t.kind == "label":
                self._markers(t)
                buffer.append(t)
                i += 1
                continue
            i = self._values(buffer, i)
            buffer = []

    def _markers(self, t: Tok) -> None:
        text = t.text
        if "第二十条" in text or (text.startswith("信息内容") and self.state in (None, "二")):
            if self.state != "二":
                self.enter("二", t.row)
        elif any(m in text for m in _T3_MARKERS):
            if self.state != "三":
                self.enter("三", t.row)
        elif text.startswith(("行政复议", "行政诉讼")) and self.state in ("三", None, "二"):
            # the table 四 header: 行政复议 followed by 行政诉讼 / 结果维持 on the next tokens
            self.enter("四", t.row)
        if self.state == "三" and not self.t3_hits and t.cell.column is not None:
            label = _T3_COLUMN_LABELS.get(text)
            if label and label not in self.t3_columns:
                self.t3_columns[label] = t.cell.column
        if self.state == "二":
            self.t2_text.append(text)
        elif self.state == "四":
            self.t4_text.append(text)

    def _gather(self, i: int, label_row: int | None, cap: int) -> tuple[list[Tok], int]:
        toks = self.toks
        n = len(toks)
        slots: list[Tok] = []
        if label_row is not None and toks[i].row == label_row:
            while i < n and toks[i].kind != "label" and toks[i].row == label_row:
                slots.append(toks[i])
                i += 1
            return slots, i
        row = toks[i].row
        while i < n and toks[i].kind != "label":
            if toks[i].row != row:
                if len(slots) >= cap:
                    break
                row = toks[i].row
            slots.append(toks[i])
            i += 1
        return slots, i

    def _values(self, buffer: list[Tok], i: int) -> int:
        # labels are short: the last characters of the label text are all that can matter
        text = "".join(t.text for t in buffer[-40:])[-MATCH_WINDOW:]
        label_row = buffer[-1].row if buffer else None
        label_cell = buffer[-1].cell if buffer else None
        state = self.state
        if state == "四" or (state == "三" and _looks_like_t4(text)):
            if state != "四":
                self.enter("四", self.toks[i].row)
                self.t4_text.append(text)
            if self.t4_hit is None:
                slots, j = self._gather(i, label_row, T4_CELLS)
                if any(s.kind == "num" for s in slots):
                    self.t4_hit = RowHit(None, slots, text, 1.0, label_cell)
                return j
        if text and state in ("二", "三", None):
            hit = match_tail(text, T2_SPECS if state == "二" else T3_SPECS) if state else None
            if hit is None and state in ("二", None):
                # table 三 without its heading: only its long labels, exactly
                tail = text[-60:]
                long_hit = next((s for s in _T3_LONG if s.core in tail), None)
                if long_hit is not None:
                    hit = (long_hit, 1.0)
                    self.enter("三", buffer[0].row)
            if hit is not None:
                spec, score = hit
                if spec.table == "三" and not self.t3_hits:
                    self.t3_header.append(text)
                cap = T2_MAX_CELLS if spec.table == "二" else T3_CELLS
                slots, j = self._gather(i, label_row, cap)
                if spec.group and all(s.kind == "blank" for s in slots):
                    return j
                hits = self.t2_hits if spec.table == "二" else self.t3_hits
                if hits and not hits[-1].next_buffer:
                    hits[-1].next_buffer = text
                hits.append(RowHit(spec, slots, _tail(buffer, spec), score, label_cell, text))
                return j
        # values nobody claims: keep them (a header-less table 四 looks like this)
        slots, j = self._gather(i, label_row, T4_CELLS)
        if any(s.kind == "num" for s in slots):
            self.orphans.append(slots)
        return j


_PUNCT = re.compile(r"[\s,，、.．。:：;；()（）\"'“”]")


def _bare(text: str) -> str:
    return _PUNCT.sub("", text)


def _wrapped(hit: RowHit) -> bool:
    """A label cut by a line wrap: its end is printed after the values (PDF cells centred
    vertically), at the start of the next row's label text — not a deviation."""
    if hit.spec is None:
        return False
    official = _bare(hit.spec.core)
    printed = _bare(hit.buffer)
    nxt = _bare(hit.next_buffer)
    for cut in range(len(official) - 1, 2, -1):
        if official[:cut] in printed[-(cut + 8) :] and nxt.startswith(official[cut:]):
            return True
    return False


def _looks_like_t4(text: str) -> bool:
    return "行政复议" in text and ("行政诉讼" in text or any(w in text for w in _T4_WORDS))


def _tail(buffer: list[Tok], spec: RowSpec) -> str:
    """The printed label: the buffer's last tokens covering about the label's length."""
    out = ""
    for t in reversed(buffer):
        out = t.text + out
        if len(out) >= len(spec.full):
            break
    return out


# --- resolving slots to values ---------------------------------------------------------------------


def resolve(
    slots: list[Tok], k: int, accept: Callable[[list[Value]], bool] | None
) -> tuple[list[ReadValue] | None, list[list[Value]], bool]:
    """Values for one row: (values or None, candidates when ambiguous, truncated)."""
    slots = list(slots)
    while len(slots) > k and slots[-1].kind == "blank":
        slots.pop()
    nums = [s for s in slots if s.kind == "num"]
    if len(slots) > k and len(nums) == k:
        slots = nums
    if len(slots) >= k:
        out: list[ReadValue] = []
        for s in slots[:k]:
            if s.kind == "blank":
                out.append(ReadValue(0, s, blank=True))
                continue
            value = digits.parse_number(s.text)
            if value is None:
                return None, [], False
            out.append(ReadValue(value, s))
        return out, [], False
    texts = ["0" if s.kind == "blank" else s.text for s in slots]
    found, truncated = digits.candidates(texts, k, accept)
    if len(found) == 1 and not truncated:
        values = found[0]
        # provenance: the token each value was cut from
        owners: list[Tok] = []
        for s, text in zip(slots, texts, strict=True):
            width = 1
            if s.kind == "num" and "." not in text:
                width = len(text.lstrip("+-"))
            owners.extend([s] * width)
        result = []
        pos = 0
        for v in values:
            digits_len = max(1, len(str(abs(int(v))))) if not isinstance(v, Decimal) else 1
            owner = owners[min(pos, len(owners) - 1)] if owners else slots[0]
            multi = (
                sum(1 for s in slots if s is owner) and len(owner.text.lstrip("+-")) > digits_len
            )
            result.append(ReadValue(v, owner, blank=owner.kind == "blank", recovered=bool(multi)))
            pos += digits_len
        return result, [], False
    return None, found, truncated


_T3_KEY_LABELS = {c.key: c.label for c in T3_COLUMNS}


def _by_column(slots: list[Tok], columns: dict[str, int]) -> list[Tok]:
    """Order a grid row's values by the header's column labels (format §5.1: map columns by
    label, not position). Falls back to the printed order when the grid does not say."""
    if len(columns) != T3_CELLS or len(set(columns.values())) != T3_CELLS:
        return slots
    by_col = {s.cell.column: s for s in slots if s.cell.column is not None}
    if len(by_col) != len(slots):
        return slots
    ordered = [by_col.get(columns[k]) for k in T3_COLUMN_KEYS]
    if any(s is None for s in ordered):
        return slots
    return [s for s in ordered if s is not None]


def _t3_row_ok(values: list[Value]) -> bool:
    return all(v >= 0 for v in values) and sum(values[:-1]) == values[-1]


def _t4_ok(values: list[Value]) -> bool:
    if any(v < 0 for v in values):
        return False
    return all(sum(values[g * 5 : g * 5 + 4]) == values[g * 5 + 4] for g in range(3))


def _non_negative(signed: set[int]) -> Callable[[list[Value]], bool]:
    def ok(values: list[Value]) -> bool:
        return all(v >= 0 or i in signed for i, v in enumerate(values))

    return ok


# --- assembling the tables -----------------------------------------------------------------------


def read_tables(toks: list[Tok], heading_rows: dict[int, int], year: int | None) -> Tables:
    reader = _Reader(toks, heading_rows)
    reader.run()
    consumed: set[int] = set()
    t2 = _assemble_t2(reader, consumed)
    t3 = _assemble_t3(reader, consumed)
    t4 = _assemble_t4(reader, consumed)
    return Tables(t2, t3, t4, consumed)


def _detect_t2_version(reader: _Reader) -> tuple[str | None, list[str]]:
    text = "".join(reader.t2_text)
    signals: list[str] = []
    v21 = [s for s in _SIGNALS_2021 if s in text]
    v19 = [s for s in _SIGNALS_2019 if s in text]
    # 本年处理决定数量 contains 处理决定数量: only the 2019 list's own words count for 2019
    for hit in reader.t2_hits:
        if hit.spec and hit.spec.ident in ("t2.other_services", "t2.procurement"):
            v19.append(hit.spec.label)
        if hit.spec and hit.spec.label == "规范性文件" and "行政规范性文件" not in hit.label_raw:
            v19.append("规范性文件")
        if hit.spec and hit.spec.label == "行政规范性文件":
            v21.append("行政规范性文件")
    signals = [f"2021:{s}" for s in v21] + [f"2019:{s}" for s in v19]
    if v21 and not v19:
        return "2021", signals
    if v19 and not v21:
        return "2019", signals
    if v19 and v21:
        return ("2021" if len(v21) >= len(v19) else "2019"), signals
    # no header words: decide by the number of values of a decisions row
    for hit in reader.t2_hits:
        if hit.spec and hit.spec.ident in ("t2.licensing", "t2.penalty", "t2.enforcement"):
            nums = [s for s in hit.slots if s.kind == "num"]
            if len(nums) == 3:
                return "2019", ["2019:三列的处理决定行"]
            if len(nums) == 1 and len(nums[0].text) <= 6:
                return "2021", ["2021:一列的处理决定行"]
    return None, signals


def _mark(consumed: set[int], hit: RowHit) -> None:
    for s in hit.slots:
        consumed.add(s.row)
    if hit.label_cell is not None:
        pass


def _assemble_t2(reader: _Reader, consumed: set[int]) -> TableInfo:
    info = TableInfo("二")
    text = "".join(reader.t2_text)
    info.has_header = "信息内容" in text
    if not reader.t2_hits:
        info.found = False
        return info
    info.found = True
    info.first_row = reader.first.get("二")
    version, signals = _detect_t2_version(reader)
    info.version = version
    info.version_signals = signals
    fmt = FORMATS[version or "2021"]
    rows_by_key: dict[str, T2Row] = {f"t2.{r.key}": r for r in fmt.t2_rows()}
    blocks_seen = set(_BLOCK.findall(text))
    for hit in reader.t2_hits:
        assert hit.spec is not None
        row = rows_by_key.get(hit.spec.ident)
        if row is None:
            info.unreadable.append((hit.spec.label, hit.label_raw, hit.slots[0].cell))
            continue
        if row.key in info.rows_found:
            continue
        _mark(consumed, hit)
        if hit.score < 1.0 or (hit.spec.label != row.label and version):
            info.deviations.append(
                LabelDeviation("二", row.label, hit.label_raw, hit.score, hit.label_cell, row.key)
            )
        signed = {i for i, c in enumerate(row.columns) if row.kind_of(c.key).value == "signed"}
        values, cands, truncated = resolve(hit.slots, len(row.columns), _non_negative(signed))
        info.rows_found.append(row.key)
        if values is None:
            raw = " ".join(s.text for s in hit.slots)
            if cands:
                info.ambiguous.append(
                    Ambiguity("二", row.key, raw, cands, hit.slots[0].cell, truncated)
                )
            else:
                info.unreadable.append((row.label, raw, hit.slots[0].cell))
            continue
        for col, rv in zip(row.columns, values, strict=True):
            info.values[row.cell_key(col.key)] = rv
        if any(v.recovered for v in values):
            info.recovered.append(
                (row.label, " ".join(s.text for s in hit.slots), hit.slots[0].cell)
            )
    # blocks and rows the table lacks
    for block in fmt.t2_blocks:
        item = block.item.strip("（）")
        block_rows = [r.key for r in block.rows]
        if item not in blocks_seen and not any(k in info.rows_found for k in block_rows):
            info.blocks_missing.append(block.header)
            continue
        for r in block.rows:
            if r.key not in info.rows_found:
                info.rows_missing.append(r.key)
    return info


def _assemble_t3(reader: _Reader, consumed: set[int]) -> TableInfo:
    info = TableInfo("三")
    hits = [h for h in reader.t3_hits if h.spec is not None and not h.spec.group]
    header_text = "".join(reader.t3_header)
    info.has_header = "自然人" in header_text or "申请人情况" in header_text
    if not hits:
        return info
    info.found = True
    info.first_row = reader.first.get("三")
    idents = {h.spec.ident for h in hits if h.spec}
    if any(i.startswith("t3.other.") for i in idents):
        info.version = "2021"
        info.version_signals = ["2021:（六）其他处理分三行"]
    elif "t3.other" in idents:
        info.version = "2019"
        info.version_signals = ["2019:（六）其他处理为一行"]
    rows: dict[str, list[ReadValue] | None] = {}
    pending: dict[str, tuple[RowHit, list[list[Value]], bool]] = {}
    for hit in hits:
        assert hit.spec is not None
        ident = hit.spec.ident
        if ident in rows or ident in pending:
            continue
        _mark(consumed, hit)
        if hit.score < 1.0 and not _wrapped(hit):
            info.deviations.append(
                LabelDeviation(
                    "三", hit.spec.label, hit.label_raw, hit.score, hit.label_cell, hit.spec.ident
                )
            )
        values, cands, truncated = resolve(
            _by_column(hit.slots, reader.t3_columns), T3_CELLS, _t3_row_ok
        )
        if values is None:
            if cands:
                pending[ident] = (hit, cands, truncated)
            else:
                info.unreadable.append(
                    (
                        hit.spec.label,
                        " ".join(s.text for s in hit.slots),
                        hit.slots[0].cell if hit.slots else hit.label_cell or Cell(""),
                    )
                )
            rows[ident] = None
            continue
        rows[ident] = values
        if any(v.recovered for v in values):
            info.recovered.append(
                (hit.spec.label, " ".join(s.text for s in hit.slots), hit.slots[0].cell)
            )
    _resolve_across_rows(rows, pending, info)
    for ident, (hit, cands, truncated) in pending.items():
        if rows.get(ident) is None:
            raw = " ".join(s.text for s in hit.slots)
            info.ambiguous.append(Ambiguity("三", ident, raw, cands, hit.slots[0].cell, truncated))
    for ident, values in rows.items():
        info.rows_found.append(ident)
        if values is None:
            continue
        for col, rv in zip(T3_COLUMN_KEYS, values, strict=True):
            info.values[f"{ident}.{col}"] = rv
    cols = reader.t3_columns
    if len(cols) == T3_CELLS and [cols[k] for k in T3_COLUMN_KEYS] != sorted(cols.values()):
        order = sorted(cols, key=lambda k: cols[k])
        printed = "、".join(_T3_KEY_LABELS[k] for k in order)
        info.deviations.append(LabelDeviation("三", "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计",
                                              printed, 0.0, None))  # fmt: skip
    fmt = FORMATS[info.version or "2021"]
    for r in fmt.t3_data_rows:
        assert r.key is not None
        if r.key not in rows and not (info.version is None and r.key.startswith("t3.other")):
            info.rows_missing.append(r.key)
    return info


def _resolve_across_rows(
    rows: dict[str, list[ReadValue] | None],
    pending: dict[str, tuple[RowHit, list[list[Value]], bool]],
    info: TableInfo,
) -> None:
    """Use T3-BALANCE and T3-RESULTS-TOTAL to choose among the cuts of ambiguous rows."""
    open_rows = [k for k, (_h, c, t) in pending.items() if not t and len(c) <= 60]
    if not open_rows or len(open_rows) > 3:
        return
    known: dict[str, list[Value]] = {k: [rv.value for rv in v] for k, v in rows.items() if v}
    result_rows = [
        r for r in rows if r not in ("t3.new", "t3.carried_over", "t3.total", "t3.carried_forward")
    ]
    survivors = []
    choices = [pending[k][1] for k in open_rows]
    if _product_size(choices) > 20000:
        return
    for combo in product(*choices):
        table = dict(known)
        table.update(dict(zip(open_rows, combo, strict=True)))
        if not _t3_table_ok(table, result_rows):
            continue
        survivors.append(combo)
    if len(survivors) == 1:
        for k, values in zip(open_rows, survivors[0], strict=True):
            hit = pending[k][0]
            owner = hit.slots[0]
            rows[k] = [ReadValue(v, owner, recovered=True) for v in values]
            info.recovered.append((k, " ".join(s.text for s in hit.slots), owner.cell))
        for k in open_rows:
            pending.pop(k)


def _product_size(choices: list[list[list[Value]]]) -> int:
    size = 1
    for c in choices:
        size *= max(1, len(c))
    return size


def _t3_table_ok(table: dict[str, list[Value]], result_rows: list[str]) -> bool:
    need = ("t3.new", "t3.carried_over", "t3.total", "t3.carried_forward")
    if all(k in table for k in need):
        for c in range(T3_CELLS):
            if (
                table["t3.new"][c] + table["t3.carried_over"][c]
                != table["t3.total"][c] + table["t3.carried_forward"][c]
            ):
                return False
    if "t3.total" in table and all(r in table for r in result_rows) and result_rows:
        for c in range(T3_CELLS):
            if sum(table[r][c] for r in result_rows) != table["t3.total"][c]:
                return False
    return True


def _assemble_t4(reader: _Reader, consumed: set[int]) -> TableInfo:
    info = TableInfo("四")
    text = "".join(reader.t4_text)
    info.has_header = "行政复议" in text and any(w in text for w in _T4_WORDS)
    hit = reader.t4_hit
    if hit is None:
        # header-less table 四: numbers nobody claimed whose three groups add up
        for slots in reader.orphans:
            values, cands, truncated = resolve(slots, T4_CELLS, _t4_ok)
            if (
                values is not None
                and len(slots) >= T4_CELLS
                and not _t4_ok([v.value for v in values])
            ):
                continue
            if values is not None or cands:
                hit = RowHit(None, slots, "", 1.0, None)
                info.headerless = True
                break
    if hit is None:
        info.found = "四" in reader.seen_state and False
        return info
    info.found = True
    info.first_row = hit.slots[0].row if hit.slots else None
    _mark(consumed, hit)
    values, cands, truncated = resolve(hit.slots, T4_CELLS, _t4_ok)
    keys = [f"t4.{g.key}.{c}" for g in T4_GROUPS for c, _ in T4_COLUMNS]
    raw = " ".join(s.text for s in hit.slots)
    info.rows_found.append("t4")
    if values is None:
        if cands:
            info.ambiguous.append(Ambiguity("四", "t4", raw, cands, hit.slots[0].cell, truncated))
        else:
            info.unreadable.append(("表四", raw, hit.slots[0].cell))
        return info
    for k, rv in zip(keys, values, strict=True):
        info.values[k] = rv
    if any(v.recovered for v in values):
        info.recovered.append(("表四", raw, hit.slots[0].cell))
    return info


__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "Ambiguity",
    "LabelDeviation",
    "ReadValue",
    "TableInfo",
    "Tables",
    "match_tail",
    "read_tables",
    "resolve",
]
