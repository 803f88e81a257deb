"""Attachments (identity proof, the signed application): type checked by content (magic bytes),
never by the name the browser sent; size and count limited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from gongkai.core.errors import DomainError
from gongkai.core.filetypes import KINDS, detect_kind

MAX_FILES = 5

# The kinds (gongkai.core.filetypes) an applicant may attach.
ALLOWED_KINDS = ("pdf", "jpeg", "png")
ALLOWED_DESCRIPTION = "PDF、JPG、PNG"


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content: bytes
    content_type: str
    extension: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "GONGKAI_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def sniff(content: bytes) -> tuple[str, str] | None:
    """(MIME type, extension we store under) of an allowed kind, or None."""
    code = detect_kind(content[:16], content)
    if code not in ALLOWED_KINDS:
        return None
    kind = KINDS[code]
    return kind.content_type, "." + kind.extensions[0]


def check_upload(name: str, content: bytes) -> CheckedUpload:
    """Accept one file or raise DomainError naming it and what is wrong."""
    limit = max_upload_bytes()
    if not content:
        raise DomainError(f"附件「{name}」是空文件。", f"{name} is empty.", field="attachments")
    if len(content) > limit:
        raise DomainError(
            f"附件「{name}」超过 {limit // (1024 * 1024)} MB 的大小限制。",
            f"{name} exceeds the {limit} byte limit.",
            field="attachments",
        )
    kind = sniff(content)
    if kind is None:
        raise DomainError(
            f"附件「{name}」不是 {ALLOWED_DESCRIPTION} 文件（按文件内容识别，与扩展名无关）。",
            f"{name} is not a PDF, JPEG or PNG file (checked by content).",
            field="attachments",
        )
    return CheckedUpload(name=name[:200], content=content, content_type=kind[0], extension=kind[1])


def check_uploads(files: Iterable[tuple[str, bytes]]) -> list[CheckedUpload]:
    items = list(files)
    if len(items) > MAX_FILES:
        raise DomainError(
            f"附件最多 {MAX_FILES} 个。", f"At most {MAX_FILES} attachments.", field="attachments"
        )
    return [check_upload(n, c) for n, c in items]
