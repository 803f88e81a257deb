"""Small realistic annual reports in every layout the importers meet (for the parse tests).

One set of figures that satisfies every identity, written out as HTML (rowspan/colspan,
&nbsp; blanks, site chrome), tab text, pipe text, one cell per line, flattened text (cells run
together), traditional characters with inline readings, GB18030, DOCX with merged cells
(python-docx) and PDF (WeasyPrint from the HTML).
"""

from __future__ import annotations

import html
import io
import re
from decimal import Decimal

from gongkai.annual_report.schema import (
    SECTIONS,
    T3_APPLICANT_HEADER,
    T3_NOTE,
    T3_RESULTS_GROUP,
    T4_COLUMNS,
    T4_GROUPS,
    get_format,
)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
ORGAN = "青山县人民政府"
YEAR = 2023

T3_ROWS: dict[str, list[int]] = {
    "t3.new": [5, 1, 0, 0, 1, 0, 7],
    "t3.carried_over": [1, 0, 0, 0, 0, 0, 1],
    "t3.granted": [2, 0, 0, 0, 1, 0, 3],
    "t3.partial": [1, 0, 0, 0, 0, 0, 1],
    "t3.denied.third_party": [1, 0, 0, 0, 0, 0, 1],
    "t3.unable.not_held": [1, 1, 0, 0, 0, 0, 2],
    "t3.total": [5, 1, 0, 0, 1, 0, 7],
    "t3.carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
T4_VALUES = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
T2_2021 = {
    "t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.regulations.in_force": 0,
    "t2.normative_documents.issued": 3, "t2.normative_documents.repealed": 1,
    "t2.normative_documents.in_force": 25, "t2.licensing.decisions": 1203,
    "t2.penalty.decisions": 45, "t2.enforcement.decisions": 2, "t2.fees.amount": Decimal("12.5"),
}  # fmt: skip
T2_2019 = {
    "t2.regulations.made": 0, "t2.regulations.published": 0, "t2.regulations.total_public": 0,
    "t2.normative_documents.made": 4, "t2.normative_documents.published": 4,
    "t2.normative_documents.total_public": 30,
    "t2.licensing.prev_items": 120, "t2.licensing.change": -5, "t2.licensing.decisions": 1203,
    "t2.other_services.prev_items": 10, "t2.other_services.change": 0, "t2.other_services.decisions": 30,
    "t2.penalty.prev_items": 300, "t2.penalty.change": 12, "t2.penalty.decisions": 45,
    "t2.enforcement.prev_items": 20, "t2.enforcement.change": 0, "t2.enforcement.decisions": 2,
    "t2.fees.prev_items": 3, "t2.fees.change": -1,
    "t2.procurement.items": 6, "t2.procurement.amount": Decimal("51.3"),
}  # fmt: skip


def expected_cells(version: str = "2021") -> dict[str, int | Decimal]:
    fmt = get_format(version)
    cells: dict[str, int | Decimal] = dict.fromkeys(fmt.cell_keys, 0)
    cells.update(T2_2021 if version == "2021" else T2_2019)  # type: ignore[arg-type]
    cols = ("natural_person", "commercial", "research", "social", "legal", "other_org", "total")
    for row, values in T3_ROWS.items():
        for c, v in zip(cols, values, strict=True):
            cells[f"{row}.{c}"] = v
    keys = [f"t4.{g.key}.{c}" for g in T4_GROUPS for c, _ in T4_COLUMNS]
    cells.update(dict(zip(keys, T4_VALUES, strict=True)))
    return cells


def t3_values(key: str) -> list[int]:
    return T3_ROWS.get(key, [0] * 7)


def fmt_value(v: int | Decimal) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def narrative(version: str = "2021") -> dict[int, list[str]]:
    """Paragraphs per section number (0 = preamble)."""
    year = YEAR if version == "2021" else 2020
    return {
        0: [
            f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ],
        1: [
            "（一）主动公开。全年主动公开政府信息820条，其中，政策文件类信息120条，动态类信息700条。",
            "（二）依申请公开。全年收到政府信息公开申请7件，上年结转1件，结转下年度继续办理1件。",
            "（三）政府信息管理。严格保密审查。（四）政府信息公开平台建设。优化网站。（五）监督保障。开展培训。",
            "全年发生行政复议2件、行政诉讼1件。",
        ],
        5: ["个别单位公开不及时，下一步加强培训。"],
        6: ["本年度未收取信息处理费。" if version == "2021" else "无。"],
    }


def _title(version: str) -> str:
    return f"{ORGAN}{YEAR if version == '2021' else 2020}年政府信息公开工作年度报告"


# --- grids (list of rows of (text, rowspan, colspan)) ------------------------------------------------

Grid = list[list[tuple[str, int, int]]]


def t2_grid(version: str, blank_zeros: bool = False) -> Grid:
    fmt = get_format(version)
    values = T2_2021 if version == "2021" else T2_2019
    grid: Grid = []
    width = 4
    for block in fmt.t2_blocks:
        grid.append([(block.header, 1, width)])
        cols = block.columns
        span = (width - 1) // len(cols) if len(cols) < width - 1 else 1
        header = [("信息内容", 1, 1)] + [(c.label, 1, span if len(cols) == 1 else 1) for c in cols]
        if len(cols) == 2:
            header[-1] = (cols[-1].label, 1, 2)
        grid.append(header)
        for row in block.rows:
            vals: list[int | Decimal] = [values[row.cell_key(c.key)] for c in row.columns]  # type: ignore[misc]
            cells = [(row.label, 1, 1)]
            for i, v in enumerate(vals):
                text = "" if (blank_zeros and v == 0) else fmt_value(v)
                cs = span if len(vals) == 1 else (2 if len(vals) == 2 and i == 1 else 1)
                cells.append((text, 1, cs))
            grid.append(cells)
    return grid


def t3_grid(version: str, blank_zeros: bool = False) -> Grid:
    fmt = get_format(version)
    grid: Grid = [
        [(T3_NOTE, 3, 3), (T3_APPLICANT_HEADER, 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
        ],
    ]
    rows = fmt.t3_rows
    n_results = sum(1 for r in rows if r.level >= 1)
    group_sizes = {}
    for r in rows:
        if r.is_group and r.group:
            group_sizes[r.group] = sum(1 for x in rows if x.group == r.group and not x.is_group)

    def vals(key: str) -> list[tuple[str, int, int]]:
        return [("" if (blank_zeros and v == 0) else str(v), 1, 1) for v in t3_values(key)]

    pending_group: tuple[str, int] | None = None
    first_result = True
    for r in rows:
        if r.label == T3_RESULTS_GROUP:
            continue
        if r.is_group:
            pending_group = (r.label, group_sizes[r.group or ""])
            continue
        assert r.key is not None
        cells: list[tuple[str, int, int]] = []
        if r.level >= 1 and first_result:
            cells.append(
                (
                    T3_RESULTS_GROUP,
                    n_results - sum(1 for x in rows if x.is_group and x.level == 1),
                    1,
                )
            )
            first_result = False
        if r.level == 0:
            cells.append((r.label, 1, 3))
        elif r.level == 1:
            cells.append((r.label, 1, 2))
        else:
            if pending_group is not None:
                cells.append((pending_group[0], pending_group[1], 1))
                pending_group = None
            cells.append((r.label, 1, 1))
        grid.append(cells + vals(r.key))
    return grid


def t4_grid() -> Grid:
    cols = [label for _, label in T4_COLUMNS]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [(c, 2, 1) for c in cols] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(c, 1, 1) for c in cols * 2],
        [(str(v), 1, 1) for v in T4_VALUES],
    ]


def _sections_with_tables(version: str) -> list[tuple[str, object]]:
    """("p", text) / ("h", heading) / ("table", grid) in document order."""
    paras = narrative(version)
    out: list[tuple[str, object]] = [("title", _title(version))]
    out += [("p", p) for p in paras[0]]
    tables = {2: t2_grid(version), 3: t3_grid(version), 4: t4_grid()}
    for s in SECTIONS:
        out.append(("h", s.heading))
        out += [("p", p) for p in paras.get(s.number, [])]
        if s.number in tables:
            out.append(("table", tables[s.number]))
    return out


# --- writers ---------------------------------------------------------------------------------------


def as_html(version: str = "2021", *, blank_zeros: bool = False, chrome: bool = True) -> str:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title>",
             "<style>td{border:1px solid #000;padding:2px}table{border-collapse:collapse}</style>",
             "<script>var tracker = '一、总体情况 99';</script></head><body>"]  # fmt: skip
    if chrome:
        parts.append(
            "<div class='nav'><a href='/'>首页</a> &gt; <a>政务公开</a> &gt; <a>年度报告</a></div>"
        )
        parts.append(
            "<div class='info'>发布时间：2024-01-20 | 来源：县政府办 | 字号：[大 中 小]</div>"
        )
    for kind, item in _sections_with_tables(version):
        if kind == "title":
            parts.append(f"<h1>{html.escape(str(item))}</h1>")
        elif kind == "h":
            parts.append(f"<p><strong>{html.escape(str(item))}</strong></p>")
        elif kind == "p":
            parts.append(f"<p>&nbsp;&nbsp;{html.escape(str(item))}</p>")
        else:
            grid = item if not blank_zeros else _blank(item)  # type: ignore[arg-type]
            parts.append("<table><tbody>")
            for row in grid:  # type: ignore[attr-defined]
                parts.append("<tr>")
                for text, rs, cs in row:
                    attrs = (f" rowspan='{rs}'" if rs > 1 else "") + (
                        f" colspan='{cs}'" if cs > 1 else ""
                    )
                    body = html.escape(text) if text else "&nbsp;"
                    parts.append(f"<td{attrs}><p><span>{body}</span></p></td>")
                parts.append("</tr>")
            parts.append("</tbody></table>")
    if chrome:
        parts.append(
            "<div class='footer'>主办：青山县人民政府办公室 备案号：X-ICP备12345678号</div>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def _blank(grid: Grid) -> Grid:
    out: Grid = []
    for row in grid:
        out.append([("" if t == "0" else t, rs, cs) for t, rs, cs in row])
    return out


def _text_rows(version: str) -> list[tuple[str, list[str]]]:
    """("p", [text]) or ("row", cells) in order; table rows without spanned copies."""
    out: list[tuple[str, list[str]]] = []
    for kind, item in _sections_with_tables(version):
        if kind in ("title", "h", "p"):
            out.append(("p", [str(item)]))
        else:
            for row in item:  # type: ignore[attr-defined]
                out.append(("row", [t for t, _rs, _cs in row]))
    return out


def as_text(version: str = "2021", *, sep: str = "\t") -> str:
    lines = []
    for kind, cells in _text_rows(version):
        lines.append(cells[0] if kind == "p" else sep.join(cells))
    return "\n".join(lines) + "\n"


def as_pipes(version: str = "2021") -> str:
    lines = []
    for kind, cells in _text_rows(version):
        lines.append(cells[0] if kind == "p" else "| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_cell_per_line(version: str = "2021") -> str:
    lines: list[str] = []
    for _kind, cells in _text_rows(version):
        lines.extend(c for c in cells)
        lines.append("")
    return "\n".join(lines)


def as_flattened(version: str = "2021") -> str:
    """Web text where each table became one line with its cells run together."""
    out = []
    buffer: list[str] = []
    for kind, cells in _text_rows(version):
        if kind == "p":
            if buffer:
                out.append("".join(buffer))
                buffer = []
            out.append(cells[0])
        else:
            values = [c for c in cells if _NUMBER.fullmatch(c)]
            label = "".join(c for c in cells if not _NUMBER.fullmatch(c))
            digits = "".join(values)
            buffer.append(label + digits + " ")
    if buffer:
        out.append("".join(buffer))
    return "\n".join(out) + "\n"


def as_traditional_mirror(version: str = "2021") -> str:
    import opencc

    text = opencc.OpenCC("s2t").convert(as_pipes(version))
    for word, reading in (
        ("數", "數(shù)"),
        ("據", "據(jù)"),
        ("規", "規(guī)"),
        ("統", "統(tǒng)"),
    ):
        text = text.replace(word, reading)
    return text


def as_docx(version: str = "2021") -> bytes:
    import docx

    document = docx.Document()
    for kind, item in _sections_with_tables(version):
        if kind in ("title", "h", "p"):
            document.add_paragraph(str(item))
            continue
        grid: Grid = item  # type: ignore[assignment]
        width = max(sum(cs for _t, _rs, cs in row) for row in grid[:3])
        table = document.add_table(rows=len(grid), cols=width)
        occupied: set[tuple[int, int]] = set()
        for r, row in enumerate(grid):
            c = 0
            for text, rs, cs in row:
                while (r, c) in occupied:
                    c += 1
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                cell.text = text
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                c += cs
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def as_pdf(version: str = "2021") -> bytes:
    from weasyprint import HTML

    source = as_html(version, chrome=False).replace(
        "<style>",
        "<style>@page{size:A4;margin:15mm} body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC';font-size:10pt} ",
    )
    pdf: bytes = HTML(string=source).write_pdf()
    return pdf
