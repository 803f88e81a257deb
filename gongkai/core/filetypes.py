"""File types recognised by their content (magic bytes, and the members of ZIP containers),
never by the name a browser sent. Each upload path allows its own subset of these kinds."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS = {
    "pdf": FileKind("pdf", "PDF", ("pdf",), "application/pdf"),
    "docx": FileKind(
        "docx",
        "Word",
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": FileKind(
        "xlsx",
        "Excel",
        ("xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ofd": FileKind("ofd", "OFD 版式文件", ("ofd",), "application/ofd"),
    "ole": FileKind(
        "ole", "Word/Excel/WPS（旧格式）", ("doc", "xls", "wps", "et"), "application/octet-stream"
    ),
    "png": FileKind("png", "PNG 图片", ("png",), "image/png"),
    "jpeg": FileKind("jpeg", "JPEG 图片", ("jpg", "jpeg"), "image/jpeg"),
}


def detect_kind(head: bytes, data: bytes) -> str | None:
    """The kind of a file from its leading bytes (and, for ZIP containers, their members)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "OFD.xml" in names:
            return "ofd"
    return None
