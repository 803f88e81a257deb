"""What may go into a published item: sanitised rich text and attachments recognised by their
content (magic bytes), never by their file name."""

from __future__ import annotations

import html

import nh3

from gongkai.core.errors import DomainError
from gongkai.core.filetypes import KINDS, FileKind, detect_kind

__all__ = [
    "KINDS",
    "MAX_ATTACHMENT_BYTES",
    "FileKind",
    "check_attachment",
    "html_to_text",
    "sanitise_html",
]

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
