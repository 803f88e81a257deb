"""Plain text: text files and text copied from web pages.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (which covers GBK and
GB2312). Cells of a table row may be separated by tabs or pipes (`|`, Markdown tables
included), by runs of spaces (text from `pdftotext -layout`), stand one per line, or be run
together with no separator at all; the table reader (`parse/tables.py`) handles all four from
the rows produced here.
"""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.annual_report.parse.base import (
    Cell,
    DocumentError,
    Importer,
    ParsedDocument,
    Row,
    load_bytes,
)
from gongkai.annual_report.parse.normalise import clean_document_text

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_MD_RULE = re.compile(r"^[\s|:\-–—=+]*$")
_WIDE_GAP = re.compile(r"\s{2,}|\u3000+")
_URL_LINE = re.compile(r"(?:原文链接|来源|网址|URL|url)\s*[:：]\s*(https?://\S+)")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 / UTF-16 / GB18030; raise DocumentError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 100:
        raise DocumentError("不是文本文件（含有二进制数据）", "not a text file (binary data)")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.02:
            raise DocumentError(
                "不是文本文件（含有大量控制字符）", "not a text file (control characters)"
            )
        return text, encoding
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(20, len(text) // 20):
        raise DocumentError(
            "无法识别文本编码（既不是 UTF-8 也不是 GB18030）",
            "unknown text encoding (neither UTF-8 nor GB18030)",
        )
    return text, "utf-8 (有损 / lossy)"


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def split_line(line: str) -> tuple[list[str], bool]:
    """Cells of one line and whether their boundaries are known."""
    if "\t" in line:
        return line.split("\t"), True
    if "|" in line:
        parts = line.split("|")
        if line.rstrip().endswith("|") and parts and not parts[-1].strip():
            parts.pop()
        if line.lstrip().startswith("|") and parts and not parts[0].strip():
            parts.pop(0)
        return parts, True
    stripped = line.strip()
    if _WIDE_GAP.search(stripped):
        return [p for p in _WIDE_GAP.split(stripped) if p], False
    return [stripped], False


def rows_from_text(text: str, *, page: int | None = None, first_line: int = 1) -> list[Row]:
    rows: list[Row] = []
    for number, raw in enumerate(text.splitlines(), start=first_line):
        line = raw.replace("\u00a0", " ").rstrip()
        if not line.strip() or _MD_RULE.match(line):
            continue
        parts, separated = split_line(line)
        cells = [Cell(p.strip(), page=page, line=number) for p in parts]
        if not any(c.text for c in cells):
            continue
        rows.append(Row(cells, separated))
    return rows


class TextImporter(Importer):
    name = "text"
    extensions = (".txt", ".text", ".md", ".csv", ".tsv")
    priority = 90  # the fallback: asked last

    def can_read(self, path: str, head: bytes) -> bool:
        if Path(path).suffix.lower() in self.extensions:
            return True
        try:
            decode(head)
        except DocumentError:
            return False
        return True

    def read(self, source: str | Path | bytes, *, name: str = "") -> ParsedDocument:
        data = load_bytes(source)
        text, encoding = decode(data)
        return document_from_text(text, source=name or str(source)[:200], importer=self.name,
                                  encoding=encoding)  # fmt: skip


def document_from_text(
    text: str, *, source: str, importer: str, encoding: str | None = None
) -> ParsedDocument:
    cleaned, stats = clean_document_text(text)
    url = None
    m = _URL_LINE.search(cleaned[:3000])
    if m:
        url = m.group(1)
    return ParsedDocument(
        source=source,
        importer=importer,
        rows=rows_from_text(cleaned),
        encoding=encoding,
        url=url,
        cleaning=stats,
    )


IMPORTER = TextImporter()
