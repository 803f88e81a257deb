import io
import zipfile

from gongkai.applications.uploads import sniff
from gongkai.core.filetypes import detect_kind


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            zf.writestr(name, "x")
    return buf.getvalue()


def test_it_knows_a_file_by_its_content_not_its_name():
    assert detect_kind(b"%PDF-1.7\n", b"%PDF-1.7\n") == "pdf"
    assert detect_kind(b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n") == "png"
    docx = _zip("[Content_Types].xml", "word/document.xml")
    assert detect_kind(docx[:16], docx) == "docx"
    assert detect_kind(b"<script>alert(1)", b"<script>alert(1)") is None
    broken = b"PK\x03\x04 not really a zip"
    assert detect_kind(broken[:16], broken) is None


def test_applicants_may_attach_only_pdf_and_images_from_the_shared_kinds():
    assert sniff(b"\xff\xd8\xff\xe0 jpeg") == ("image/jpeg", ".jpg")
    assert sniff(b"%PDF-1.4") == ("application/pdf", ".pdf")
    docx = _zip("[Content_Types].xml", "word/document.xml")
    assert sniff(docx) is None  # a kind the catalogue accepts, but not an identity proof
