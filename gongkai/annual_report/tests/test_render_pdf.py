"""PDF renderer (WeasyPrint): read the text back with pdfplumber and find every label and
every value, row by row; the CJK font is embedded as a subset; pages are A4 and numbered."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from gongkai.annual_report.render import get_renderer
from gongkai.annual_report.render.layout import NULL_LEGEND, format_value
from gongkai.annual_report.schema import SECTIONS, T3_COLUMN_KEYS, T4_KEYS
from gongkai.annual_report.tests.readback import expected_labels, is_value_text, norm


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[list[list[str]], str, pdfplumber.PDF]]:
    """Each report rendered once: (table rows, full text, the PDF) — WeasyPrint is slow."""
    from gongkai.annual_report.tests.conftest import load

    out = {}
    for name in ("synthetic-2021.json", "synthetic-2019.json", "seed-2021.json"):
        pdf = pdfplumber.open(io.BytesIO(get_renderer("pdf").render(load(name))))
        rows = [
            [norm(c or "") for c in row]
            for page in pdf.pages
            for t in page.extract_tables()
            for row in t
        ]
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        out[name] = (rows, text, pdf)
    return out


NAMES = ["synthetic-2021.json", "synthetic-2019.json", "seed-2021.json"]


@pytest.mark.parametrize("name", NAMES)
def test_it_shows_every_label_and_heading(rendered, name: str) -> None:
    from gongkai.annual_report.tests.conftest import load

    report = load(name)
    rows, text, _ = rendered[name]
    cells = {c for row in rows for c in row}
    for label in expected_labels(report.format):
        assert norm(label) in cells, label
    flat = norm(text)
    for section in SECTIONS:
        assert section.heading in flat
    assert norm(report.title) in flat


@pytest.mark.parametrize("name", NAMES)
def test_it_shows_every_value_in_its_row(rendered, name: str) -> None:
    from gongkai.annual_report.tests.conftest import load

    report = load(name)
    rows, _, _ = rendered[name]
    fmt = report.format
    by_label: dict[str, list[str]] = {}
    for row in rows:
        labels = [c for c in row if c and not is_value_text(c)]
        values = [c for c in row if c and is_value_text(c)]
        if labels and values:
            by_label.setdefault(labels[-1], []).extend(values)
        elif values and len(values) == 15:
            by_label["表四"] = values
    for t3row in fmt.t3_data_rows:
        want = [format_value(report.cells[f"{t3row.key}.{c}"]) for c in T3_COLUMN_KEYS]
        assert by_label[norm(t3row.label)] == want, t3row.label
    for t2row in fmt.t2_rows():
        want = [format_value(report.cells[t2row.cell_key(c.key)]) for c in t2row.columns]
        assert by_label[norm(t2row.label)] == want, t2row.label
    assert by_label["表四"] == [format_value(report.cells[k]) for k in T4_KEYS]


def test_the_cjk_font_is_embedded_and_pages_are_numbered_a4(rendered) -> None:
    _, text, pdf = rendered["seed-2021.json"]
    fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    # A subset prefix ("ABCDEF+") marks an embedded subset; every face is a Noto CJK one.
    assert fonts and all(
        re.fullmatch(r"[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC(-Bold)?", f) for f in fonts
    ), fonts
    page = pdf.pages[0]
    assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (210, 297)
    assert "— 1 —" in text and f"— {len(pdf.pages)} —" in text
    assert NULL_LEGEND in norm(text) or norm(NULL_LEGEND) in norm(text)
