"""Bad input: never an unhandled exception, never a hang, a clear message per file.

Hypothesis mutates the real examples (bytes deleted, inserted, replaced; files truncated);
binary garbage, a DOCX zip bomb, a 100 MB file (sparse, made here) and a PDF without a text
layer each get a clear message in Chinese and English.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual_report.audit import audit_document, audit_file
from gongkai.annual_report.parse import DocumentError, read_document
from gongkai.annual_report.parse import docx as docx_importer
from gongkai.annual_report.parse.digits import candidates
from gongkai.annual_report.parse.docx import IMPORTER as DOCX
from gongkai.annual_report.parse.html import IMPORTER as HTML
from gongkai.annual_report.parse.pdf import IMPORTER as PDF
from gongkai.annual_report.parse.text import IMPORTER as TEXT
from gongkai.annual_report.tests import sample_reports as sample
from gongkai.annual_report.tests.conftest_audit import EXAMPLES, SEED

REAL_TEXTS = [SEED.read_bytes(), *(p.read_bytes() for p in sorted(EXAMPLES.glob("*.txt")))]
SAMPLE_HTML = sample.as_html().encode("utf-8")
SAMPLE_DOCX = sample.as_docx()
HONGZE = (EXAMPLES / "hongze-2024.pdf").read_bytes()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survive(importer, data: bytes) -> None:
    """Reading either works (and the audit then runs) or raises DocumentError; nothing else."""
    started = time.monotonic()
    try:
        doc = importer.read(data, name="fuzz")
    except DocumentError as exc:
        assert exc.message and exc.message_en
        return
    result = audit_document(doc)
    assert result.report is not None
    assert time.monotonic() - started < 20


@st.composite
def mutated(draw, sources):
    data = bytearray(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        op = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        pos = draw(st.integers(0, len(data) - 1))
        if op == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        elif op == "replace":
            data[pos] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[pos:]
        else:
            chunk = data[pos : pos + draw(st.integers(1, 400))]
            data[pos:pos] = chunk
    return bytes(data)


@FUZZ
@given(mutated(REAL_TEXTS))
def test_mutated_real_text_never_crashes(data):
    survive(TEXT, data)


@FUZZ
@given(mutated([SAMPLE_HTML]))
def test_mutated_html_never_crashes(data):
    survive(HTML, data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated([SAMPLE_DOCX]))
def test_mutated_docx_never_crashes(data):
    survive(DOCX, data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated([HONGZE]))
def test_mutated_pdf_never_crashes(data):
    survive(PDF, data)


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from("0123456789 |\t\n.-一二三四、（）规章行政许可总计自然人"),
        max_size=400,
    )
)
def test_random_table_like_text_never_crashes(text):
    survive(TEXT, text.encode("utf-8"))


@pytest.mark.parametrize("importer", [TEXT, HTML, DOCX, PDF])
@pytest.mark.parametrize(
    "data", [b"", b"\x00" * 4096, bytes(range(256)) * 64, b"PK\x03\x04garbage", b"%PDF-1.7\n%%EOF"]
)
def test_garbage_gets_a_clear_message(importer, data):
    survive(importer, data)


@pytest.mark.parametrize("cut", [10, 1000, 50000, 120000])
def test_truncated_pdf(cut):
    survive(PDF, HONGZE[:cut])


def test_a_docx_zip_bomb_is_refused_before_decompressing(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * (8 * 1024 * 1024))
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(DocumentError) as exc:
        DOCX.read(buf.getvalue())
    assert "压缩比" in exc.value.message
    monkeypatch.setattr(docx_importer, "MAX_DOCUMENT_XML", 1024 * 1024)
    with pytest.raises(DocumentError) as exc:
        DOCX.read(buf.getvalue())
    assert "拒绝解压" in exc.value.message


def test_a_docx_with_too_many_entries_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(docx_importer.MAX_ENTRIES + 1):
            zf.writestr(f"x/{i}", b"")
    with pytest.raises(DocumentError):
        DOCX.read(buf.getvalue())


def test_a_100_mb_file_is_refused_by_size_with_a_clear_message(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: no disk space used
    result = audit_file(big)
    assert result.error and "文件过大" in result.error and "too large" in result.error


def test_a_pdf_without_a_text_layer_says_so(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    pdf.save(str(path))
    result = audit_file(path)
    assert result.error and "没有文字层" in result.error


def test_a_long_digit_run_does_not_hang():
    started = time.monotonic()
    found, truncated = candidates(["1234567891234567891234567891234567891"], 15)
    assert truncated and time.monotonic() - started < 5
    assert len(found) <= 20001


def test_unreadable_files_are_reported_not_raised(tmp_path):
    for name, data in {
        "a.pdf": b"not a pdf",
        "b.docx": b"PK\x03\x04",
        "c.bin": b"\x00\x01" * 100,
    }.items():
        (tmp_path / name).write_bytes(data)
        result = audit_file(tmp_path / name)
        assert result.error, name
    with pytest.raises(DocumentError):
        read_document(tmp_path / "absent.txt")
