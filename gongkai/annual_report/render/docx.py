"""DOCX in government-document typography (党政机关公文格式, GB/T 9704-2012).

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 × 225 mm).
- Title 方正小标宋简体 二号 (22 pt), centred; body 仿宋_GB2312 三号 (16 pt), first-line indent of
  two characters, fixed 28 pt line pitch (22 lines a page); section headings 黑体 三号;
  sub-heads 楷体_GB2312 三号.
- Tables bordered, merged exactly as the official form (layout.py), 仿宋 五号/小五 so table 三
  fits portrait A4; header rows repeat on a new page and rows never split.
- Page numbers 宋体 四号 as `— 1 —`, odd pages right, even pages left (GB/T 9704 §7.5).

Fonts. Word picks the face for Chinese text from the run's `w:eastAsia` font name, so every
run names the official font: that is what a government office's Word or WPS has, and what a
reviewer expects to see. Those fonts are not free and not on Linux, so for each one the font
table also declares `w:altName` = a Noto CJK face (Debian's fonts-noto-cjk: serif Noto Serif
CJK SC for 仿宋/楷体/小标宋/宋体, sans Noto Sans CJK SC for 黑体) with the GB2312 charset and
the font family, which Word uses to substitute a missing font; and the document's East Asian
language is zh-CN (python-docx's template says en-US), so LibreOffice, which ignores
`altName` (checked with 7.4), falls back through fontconfig by language to Noto Sans CJK SC —
Simplified-Chinese glyphs, every face sans. Naming the Noto faces directly would look right on
Linux but wrong in every government office, where the official fonts exist.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import Renderer, register
from gongkai.annual_report.render.layout import NULL_LEGEND, Grid, Role, cell_text, has_nulls
from gongkai.annual_report.render.narrative import SHORT_LEAD, ParaKind, outline, title_of
from gongkai.annual_report.render.package import reproducible


@dataclass(frozen=True)
class Face:
    name: str  # the font named in the document (what Word uses where installed)
    alt: str  # substitute that exists on Linux (fonts-noto-cjk)
    family: str  # w:family of the font table: roman (serif) / swiss (sans) / modern


TITLE = Face("方正小标宋简体", "Noto Serif CJK SC", "roman")
BODY = Face("仿宋_GB2312", "Noto Serif CJK SC", "modern")
HEADING = Face("黑体", "Noto Sans CJK SC", "swiss")
SUBHEAD = Face("楷体_GB2312", "Noto Serif CJK SC", "modern")
PAGE_NUMBER = Face("宋体", "Noto Serif CJK SC", "roman")
FACES = (TITLE, BODY, HEADING, SUBHEAD, PAGE_NUMBER)
LATIN = "Times New Roman"  # digits and Latin letters beside the Chinese text

# Chinese type sizes (字号) in points.
ERHAO, SANHAO, SIHAO, WUHAO, XIAOWU = 22.0, 16.0, 14.0, 10.5, 9.0
TEXT_WIDTH_MM = 210 - 28 - 26


def _fonts(rpr_owner: object, face: Face, size: float | None = None, *, bold: bool = False) -> None:
    """Name `face` for East Asian text and LATIN for the rest on a run or a style."""
    font = rpr_owner.font  # type: ignore[attr-defined]
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.get_or_add_rFonts()
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    rfonts.set(qn("w:eastAsia"), face.name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _declare_fonts(doc: DocxDocument) -> None:
    """Add each face to word/fontTable.xml with its Linux alternative (see module docstring)."""
    font_table = next(
        rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    from lxml import etree

    root = etree.fromstring(font_table.blob)
    for face in FACES:
        el = etree.SubElement(root, qn("w:font"))
        el.set(qn("w:name"), face.name)
        alt = etree.SubElement(el, qn("w:altName"))
        alt.set(qn("w:val"), face.alt)
        for tag, val in (("w:charset", "86"), ("w:family", face.family), ("w:pitch", "variable")):
            etree.SubElement(el, qn(tag)).set(qn("w:val"), val)
    font_table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _defaults(doc: DocxDocument) -> None:
    """Document defaults: Chinese as the East Asian language, fonts named (not theme fonts).

    The language matters beyond spelling: where a named font is missing, LibreOffice picks
    the fallback CJK face by language, and python-docx's template says en-US, which gets
    Japanese glyph shapes."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr, value in (
        ("w:ascii", LATIN),
        ("w:hAnsi", LATIN),
        ("w:eastAsia", BODY.name),
        ("w:cs", LATIN),
    ):
        rfonts.set(qn(attr), value)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: DocxDocument) -> None:
    _defaults(doc)
    normal = doc.styles["Normal"]
    _fonts(normal, BODY, SANHAO)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(2 * SANHAO)
    pf.widow_control = True
    # Word measures a "2 character" indent by the font; firstLineChars keeps it 2 characters
    # when someone changes the size.
    ind = normal.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "200")
    for style_name, face in (("Heading 1", HEADING), ("Heading 2", SUBHEAD), ("Title", TITLE)):
        style = doc.styles[style_name]
        size = ERHAO if face is TITLE else SANHAO
        _fonts(style, face, size)
        style.font.color.rgb = None
        style.font.italic = False
        spf = style.paragraph_format
        spf.space_before = spf.space_after = Pt(0)
        spf.keep_with_next = True
        if face is TITLE:
            spf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = Pt(35)
            spf.first_line_indent = Pt(0)
            spf.space_after = Pt(28)
            # The template's Title style draws a rule under the text; a 公文 title has none.
            pbdr = style.element.pPr.find(qn("w:pBdr"))
            if pbdr is not None:
                style.element.pPr.remove(pbdr)
        else:
            spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            spf.line_spacing = Pt(28)
            spf.first_line_indent = Pt(2 * SANHAO)


TABLE_STYLES = {  # paragraph style id → (size, alignment)
    "GkTableCenter": (WUHAO, WD_ALIGN_PARAGRAPH.CENTER),
    "GkTableLeft": (WUHAO, WD_ALIGN_PARAGRAPH.LEFT),
    "GkTableSmallCenter": (XIAOWU, WD_ALIGN_PARAGRAPH.CENTER),
    "GkTableSmallLeft": (XIAOWU, WD_ALIGN_PARAGRAPH.LEFT),
}


def _table_styles(doc: DocxDocument) -> None:
    """Paragraph styles for table text: 仿宋 五号/小五, single spacing, no indent. A style per
    variant, not direct formatting per cell, keeps the XML small and the document editable."""
    from docx.enum.style import WD_STYLE_TYPE

    for style_id, (size, align) in TABLE_STYLES.items():
        style = doc.styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _fonts(style, BODY, size)
        pf = style.paragraph_format
        pf.first_line_indent = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        pf.alignment = align
        pf.widow_control = False
        # Every table paragraph keeps with the next: Word and LibreOffice then move a table
        # that does not fit to the next page whole instead of splitting it (tables 二 and 四
        # are short; 三 fits one portrait page in 小五).
        pf.keep_with_next = True
        style.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")


def _cell_xml(
    text: str, style_id: str, width: int, colspan: int, vmerge: str | None, *, bold: bool
) -> str:
    """One `w:tc`: width (twentieths of a point), column span, vertical merge (restart or
    continue), centred vertically, one paragraph in a table style."""
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if colspan > 1:
        props.append(f'<w:gridSpan w:val="{colspan}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    run = ""
    if text:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        run = f"<w:r>{rpr}<w:t>{xml_escape(text)}</w:t></w:r>"
    return (
        f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>"
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)  # the page number sits 7 mm below the text block
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE) whose cached result is `placeholder` until the reader updates it."""
    run = paragraph.add_run()
    _fonts(run, PAGE_NUMBER, SIHAO)
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _page_number(paragraph: Paragraph, *, odd: bool) -> None:
    """`— 1 —`: 单页码居右空一字，双页码居左空一字 (GB/T 9704 §7.5)."""
    pf = paragraph.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        pf.right_indent = Pt(SIHAO)
    else:
        pf.left_indent = Pt(SIHAO)
    _fonts(paragraph.add_run("— "), PAGE_NUMBER, SIHAO)
    _field(paragraph, " PAGE ", "1")
    _fonts(paragraph.add_run(" —"), PAGE_NUMBER, SIHAO)


def _para(doc: DocxDocument, text: str, style_id: str | None = None) -> Paragraph:
    """A paragraph in a style given by id ("Heading1"): python-docx's lookup by style name
    scans every style of the document each time."""
    p = doc.add_paragraph()
    if style_id is not None:
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style_id)
        p._p.get_or_add_pPr().insert(0, pstyle)
    p.add_run(text)
    return p


def _small_para(
    p: Paragraph, text: str, size: float, *, align: WD_ALIGN_PARAGRAPH, bold: bool = False
) -> None:
    pf = p.paragraph_format
    pf.first_line_indent = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.alignment = align
    pf.keep_with_next = False
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    _fonts(p.add_run(text), BODY, size, bold=bold)


def _tc(width: int, colspan: int, vmerge: str | None) -> Any:
    """An empty table cell: width, column span, vertical merge, centred vertically."""
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), str(int(width) // 635))  # EMU → twentieths of a point
    tcw.set(qn("w:type"), "dxa")
    tcpr.append(tcw)
    if colspan > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(colspan))
        tcpr.append(span)
    if vmerge is not None:
        vm = OxmlElement("w:vMerge")
        if vmerge == "restart":
            vm.set(qn("w:val"), "restart")
        tcpr.append(vm)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    tcpr.append(valign)
    tc.append(tcpr)
    return tc


def _table(doc: DocxDocument, report: AnnualReport, grid: Grid) -> Table:
    size = WUHAO if grid.table == "二" else XIAOWU
    caption = doc.add_paragraph()
    _small_para(caption, grid.caption, SIHAO, align=WD_ALIGN_PARAGRAPH.CENTER)
    caption.runs[0].font.bold = False
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    _fonts(caption.runs[0], HEADING, SIHAO)

    table = doc.add_table(rows=0, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * w) for w in grid.widths]
    for i, col in enumerate(table.columns):
        col.width = widths[i]
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    # Narrow cell margins (0.8 mm) so four-character headers fit table 四's 15 columns.
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "45")
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    # The rows are written as WordprocessingML directly: a merged cell is one `w:tc` with
    # `w:gridSpan` (columns) and `w:vMerge` restart/continue (rows), exactly what Word writes.
    # (python-docx's cell.merge() re-reads the whole table per call: quadratic, seconds.)
    covering = grid.covering
    center, left = (
        ("GkTableCenter", "GkTableLeft")
        if size == WUHAO
        else ("GkTableSmallCenter", "GkTableSmallLeft")
    )
    twips = [int(w) // 635 for w in widths]  # EMU → twentieths of a point
    rows: list[str] = []
    for r in range(grid.n_rows):
        head = "<w:tblHeader/>" if r < grid.head_rows else ""
        tcs: list[str] = []
        for c in range(grid.n_cols):
            cell = covering[(r, c)]
            if cell.col != c:
                continue  # inside a horizontal merge: covered by the gridSpan
            width = sum(twips[cell.col : cell.col + cell.colspan])
            vmerge = None if cell.rowspan == 1 else ("restart" if cell.row == r else "continue")
            if cell.row != r:
                text, style = "", center
            elif cell.role is Role.VALUE:
                assert cell.key is not None
                text, style = cell_text(report, cell.key), center
            else:
                is_left = cell.role is Role.NOTE or (
                    cell.role in (Role.ROW, Role.BLOCK) and cell.rowspan == 1
                )
                text, style = cell.text, left if is_left else center
            tcs.append(
                _cell_xml(
                    text,
                    style,
                    width,
                    cell.colspan,
                    vmerge,
                    bold=cell.row == r and cell.role is Role.BLOCK,
                )
            )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>{''.join(tcs)}</w:tr>")
    # One parse for the whole table body: building it element by element costs ten times more.
    body = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")
    for tr in list(body):
        table._tbl.append(tr)
    # The legend (or an empty line) after the table keeps the next heading off its border.
    after = doc.add_paragraph()
    _small_para(
        after, NULL_LEGEND if has_nulls(report, grid) else "", XIAOWU, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    after.paragraph_format.space_after = Pt(8)
    return table


def build(report: AnnualReport) -> DocxDocument:
    doc = Document()
    _declare_fonts(doc)
    _styles(doc)
    _table_styles(doc)
    _page(doc)
    doc.core_properties.title = title_of(report)
    doc.core_properties.author = report.organ
    _para(doc, title_of(report), "Title")
    for part in outline(report):
        _para(doc, part.section.heading, "Heading1")
        last = None
        for para in part.paragraphs:
            last = _para(doc, para.text, "Heading2" if para.kind is ParaKind.SUBHEAD else None)
        if part.grid is not None:
            # A short lead-in ("情况见下表。") moves to the next page with its table.
            if last is not None and len(last.text) <= SHORT_LEAD:
                last.paragraph_format.keep_with_next = True
            _table(doc, report, part.grid)
    return doc


@register
class DocxRenderer(Renderer):
    name = "docx"
    label = "Word 文档（DOCX）"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def render(self, report: AnnualReport) -> bytes:
        doc = build(report)
        fixed = datetime(report.year + 1, 1, 1, tzinfo=UTC)
        doc.core_properties.created = doc.core_properties.modified = fixed
        doc.core_properties.last_printed = fixed
        doc.core_properties.revision = 1
        buf = io.BytesIO()
        doc.save(buf)
        return reproducible(buf.getvalue(), year=report.year)
