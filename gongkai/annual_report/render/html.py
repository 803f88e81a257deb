"""HTML in the official table layout: a standalone printable document, or a fragment the web
app embeds in its own pages.

Tables are accessible: a caption, `<th>` with `scope` for every label (`colgroup`/`rowgroup`
for merged ones) and, because table 三's labels are three levels deep, explicit `headers`
on every figure naming all the labels it sits under. Each figure also carries `data-key`, its
canonical cell key, so pages can link a figure to its drill-down.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import Renderer, register
from gongkai.annual_report.render.layout import (
    NULL_LEGEND,
    Grid,
    GridCell,
    Role,
    cell_text,
    has_nulls,
)
from gongkai.annual_report.render.narrative import SHORT_LEAD, ParaKind, outline, title_of

_TABLE_CLASS = {"二": "t2", "三": "t3", "四": "t4"}


@cache
def report_css() -> str:
    """The stylesheet of the report (screen and print). The web app links or inlines it."""
    return (
        resources.files("gongkai.annual_report.render")
        .joinpath("templates/report.css")
        .read_text(encoding="utf-8")
    )


def _attrs(**attrs: str | int | None) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or (value == 1 and name in ("rowspan", "colspan")):
            continue
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return "".join(parts)


def _scope(cell: GridCell) -> str | None:
    if cell.role is Role.BLOCK:
        return "colgroup"
    if cell.role is Role.COLUMN:
        return "colgroup" if cell.colspan > 1 else "col"
    if cell.role is Role.ROW:
        return "rowgroup" if cell.rowspan > 1 else "row"
    return None


def _cell_html(report: AnnualReport, grid: Grid, cell: GridCell, prefix: str) -> str:
    cid = f"{prefix}-{cell.id}"
    if cell.role is Role.VALUE:
        assert cell.key is not None
        text = cell_text(report, cell.key)
        null = report.cells.get(cell.key) is None
        headers = " ".join(f"{prefix}-{h.id}" for h in grid.header_map[(cell.row, cell.col)])
        cls = "gk-num gk-null" if null else "gk-num"
        return (
            f"<td{_attrs(class_=cls, headers=headers, data_key=cell.key, rowspan=cell.rowspan, colspan=cell.colspan, title='无此项数据' if null else None)}>"
            f"{escape(text)}</td>"
        )
    if cell.role is Role.NOTE:
        return f"<td{_attrs(id=cid, class_='gk-note', rowspan=cell.rowspan, colspan=cell.colspan)}>{escape(cell.text)}</td>"
    cls = {
        Role.BLOCK: "gk-block",
        Role.COLUMN: "gk-col",
        Role.ROW: "gk-row gk-group" if cell.rowspan > 1 else f"gk-row gk-row-{cell.level}",
    }[cell.role]
    return (
        f"<th{_attrs(id=cid, class_=cls, scope=_scope(cell), rowspan=cell.rowspan, colspan=cell.colspan)}>"
        f"{escape(cell.text)}</th>"
    )


def table_html(
    report: AnnualReport, grid: Grid, *, id_prefix: str = "gk", heading: str = ""
) -> str:
    """One statistical table. Table 二 is a `<tbody>` per Art. 20 block (its header rows sit
    inside the block); tables 三 and 四 put their header rows in `<thead>` so they repeat if a
    table ever has to run over a page break."""
    prefix = f"{id_prefix}-{_TABLE_CLASS[grid.table]}"
    # The wrapper keeps caption, table and legend together on one printed page.
    out = [
        f'<div class="gk-table-wrap">{heading}<table class="gk-table gk-table--{_TABLE_CLASS[grid.table]}">'
    ]
    out.append(f"<caption>{escape(grid.caption)}</caption>")
    out.append(
        "<colgroup>"
        + "".join(f'<col style="width:{w * 100:.1f}%">' for w in grid.widths)
        + "</colgroup>"
    )
    rows = grid.rows()
    for r, cells in enumerate(rows):
        if grid.head_rows and r == 0:
            out.append("<thead>")
        elif grid.head_rows and r == grid.head_rows:
            out.append("</thead><tbody>")
        elif not grid.head_rows and r in grid.block_starts:
            if r:
                out.append("</tbody>")
            out.append("<tbody>")
        out.append("<tr>" + "".join(_cell_html(report, grid, c, prefix) for c in cells) + "</tr>")
    out.append("</tbody>")
    if has_nulls(report, grid):
        # The legend is the table's footnote: in <tfoot> it stays with the table on paper.
        out.append(
            f'<tfoot><tr><td class="gk-legend" colspan="{grid.n_cols}">{escape(NULL_LEGEND)}</td></tr></tfoot>'
        )
    out.append("</table>")
    out.append("</div>")
    return "\n".join(out)


def fragment(report: AnnualReport, *, id_prefix: str = "gk", with_title: bool = True) -> str:
    """The report as an `<article>` for embedding in a page (the web app's report views).

    Link or inline `report_css()` with it. `id_prefix` keeps element ids unique when a page
    shows several reports (e.g. a year-on-year comparison)."""
    out = [
        f'<article class="gk-report" lang="zh-CN" data-format-version="{escape(report.format_version)}"'
        f' data-year="{report.year}">'
    ]
    if with_title:
        out.append(f'<h1 class="gk-report__title">{escape(title_of(report))}</h1>')
    for part in outline(report):
        sid = f"{id_prefix}-section-{part.section.number}"
        out.append(f'<section class="gk-report__section" aria-labelledby="{sid}">')
        blocks = [f'<h2 id="{sid}">{escape(part.section.heading)}</h2>']
        for para in part.paragraphs:
            if para.kind is ParaKind.SUBHEAD:
                blocks.append(f'<h3 class="gk-report__subhead">{escape(para.text)}</h3>')
            else:
                blocks.append(f"<p>{escape(para.text)}</p>")
        if part.grid is not None:
            # What introduces the table — the heading, and a short last paragraph such as
            # "见下表" — goes inside the table's unbreakable wrapper, so a printed page never
            # ends with them while the table is overleaf.
            if part.paragraphs and len(part.paragraphs[-1].text) <= SHORT_LEAD:
                lead = 2 if len(part.paragraphs) == 1 else 1
            else:
                lead = 1 if not part.paragraphs else 0
            keep = len(blocks) - lead
            out.extend(blocks[:keep])
            out.append(
                table_html(report, part.grid, id_prefix=id_prefix, heading="".join(blocks[keep:]))
            )
        else:
            out.extend(blocks)
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def document(report: AnnualReport) -> str:
    """A complete standalone HTML5 document, styles inlined, printable on A4."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title_of(report))}</title>\n"
        f'<meta name="generator" content="gongkai">\n'
        f"<style>\n{report_css()}</style>\n</head>\n<body>\n"
        f"{fragment(report)}\n</body>\n</html>\n"
    )


@register
class HtmlRenderer(Renderer):
    name = "html"
    label = "网页（HTML）"
    media_type = "text/html; charset=utf-8"
    extension = "html"

    def render(self, report: AnnualReport) -> bytes:
        return document(report).encode("utf-8")
