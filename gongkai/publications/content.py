"""What may go into a published item: sanitised rich text and attachments recognised by their
content (magic bytes), never by their file name."""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass

import nh3

from gongkai.core.errors import DomainError

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "sub",
    "sup", "a", "blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "hr", "span", "div", "pre", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(raw: str) -> str:
    """Rich text safe to show: scripts, styles, event handlers, javascript: URLs and unknown tags
    are removed; links get rel="noopener noreferrer"."""
    return nh3.clean(
        raw or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def html_to_text(body_html: str) -> str:
    """Plain text of sanitised HTML, for search and snippets."""
    spaced = body_html.replace("<", " <")
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())


# --- attachments ------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


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


def check_attachment(name: str, data: bytes) -> FileKind:
    """The file's kind, or DomainError if it is empty, too large, of an unknown kind, or named
    as something it is not."""
    if not data:
        raise DomainError("附件为空文件。", "The attachment is empty.", field="file")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            f"附件超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB。",
            "The attachment is too large.",
            field="file",
        )
    code = detect_kind(data[:16], data)
    if code is None:
        raise DomainError(
            f"无法识别附件“{name}”的文件类型：只接受 PDF、OFD、Word、Excel、WPS 和 PNG/JPEG 图片。",
            f"Attachment {name!r} is not a PDF, OFD, Word, Excel, WPS or PNG/JPEG file.",
            field="file",
        )
    kind = KINDS[code]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in kind.extensions:
        raise DomainError(
            f"附件“{name}”的内容是 {kind.label}，与扩展名 .{ext or '（无）'} 不符。",
            f"Attachment {name!r} contains {kind.label} but is named .{ext}.",
            field="file",
        )
    return kind
