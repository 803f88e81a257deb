"""The DOCX as it prints: converted to PDF by LibreOffice (as an office without Word would),
every table must show every official label and every value, row by row, with no table cut."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from gongkai.annual_report.render import get_renderer
from gongkai.annual_report.render.layout import format_value
from gongkai.annual_report.schema import T3_COLUMN_KEYS, T4_KEYS
from gongkai.annual_report.tests.conftest import load
from gongkai.annual_report.tests.readback import expected_labels, is_value_text, norm

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice is not installed: the printed DOCX cannot be checked"
)
@pytest.mark.parametrize("name", ["synthetic-2021.json", "synthetic-2019.json", "seed-2021.json"])
def test_libreoffice_prints_every_label_and_value(tmp_path: Path, name: str) -> None:
    report = load(name)
    source = tmp_path / "report.docx"
    source.write_bytes(get_renderer("docx").render(report))
    # A private profile: LibreOffice refuses to start twice on one user profile.
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    assert LIBREOFFICE is not None
    subprocess.run(
        [
            LIBREOFFICE,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with pdfplumber.open(io.BytesIO((tmp_path / "report.pdf").read_bytes())) as pdf:
        rows = [
            [norm(c or "") for c in row]
            for page in pdf.pages
            for t in page.extract_tables()
            for row in t
        ]
        tables_per_page = [len(page.extract_tables()) for page in pdf.pages]
    cells = {c for row in rows for c in row}
    for label in expected_labels(report.format):
        assert norm(label) in cells, label
    by_label: dict[str, list[str]] = {}
    for row in rows:
        labels = [c for c in row if c and not is_value_text(c)]
        values = [c for c in row if c and is_value_text(c)]
        if labels and values:
            by_label.setdefault(labels[-1], []).extend(values)
        elif len(values) == 15:
            by_label["表四"] = values
    fmt = report.format
    for t3row in fmt.t3_data_rows:
        want = [format_value(report.cells[f"{t3row.key}.{c}"]) for c in T3_COLUMN_KEYS]
        assert by_label[norm(t3row.label)] == want, t3row.label
    for t2row in fmt.t2_rows():
        want = [format_value(report.cells[t2row.cell_key(c.key)]) for c in t2row.columns]
        assert by_label[norm(t2row.label)] == want, t2row.label
    assert by_label["表四"] == [format_value(report.cells[k]) for k in T4_KEYS]
    # Three tables, none split over a page break.
    assert sum(tables_per_page) == 3
