"""Letters as DOCX (python-docx) and PDF (WeasyPrint with Noto CJK), laid out like a Chinese
official letter: centred title, addressee, body paragraphs indented two characters, the
organ and the date at the bottom right."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.applications.letters.render import Letter

SERIF = "Noto Serif CJK SC"


def _font(run: object, size: float, *, bold: bool = False, family: str = SERIF) -> None:
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    run.font.name = family  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), family)


def to_docx(letter: Letter) -> bytes:
    doc = Document()
    section = doc.sections[0]
    from docx.shared import Cm

    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(head.add_run(letter.organ_name), 16)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(letter.title), 22, bold=True)
    ref = doc.add_paragraph()
    ref.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _font(ref.add_run(letter.reference), 14)
    for i, text in enumerate(letter.paragraphs):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28)
        if i > 0 or not text.endswith("："):
            fmt.first_line_indent = Pt(32)  # two characters of 16 pt
        _font(p.add_run(text), 16)
    for text in ("", letter.organ_name, letter.date_text):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(text), 16)
    out = io.BytesIO()
    doc.core_properties.title = letter.title
    doc.save(out)
    return out.getvalue()


def to_html(letter: Letter) -> str:
    return render_to_string("applications/letter.html", {"letter": letter})


def to_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=to_html(letter)).write_pdf())
