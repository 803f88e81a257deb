"""HTML: report pages as published (tables with rowspan/colspan, nested markup, `&nbsp;` for
blank cells, site chrome around the report).

Text outside tables becomes one row per block (paragraph, heading, list item, `<br>` line);
each leaf table (one without tables inside — outer layout tables are read as blocks) becomes a
grid (`parse/grid.py`). Encoding: the BOM, the `<meta charset>`, else UTF-8, else GB18030.
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
from gongkai.annual_report.parse.grid import SpanCell, expand
from gongkai.annual_report.parse.normalise import clean_document_text
from gongkai.annual_report.parse.text import decode

_SKIP = {"script", "style", "noscript", "iframe", "svg", "head", "template", "select", "button",
         "object", "embed", "canvas", "map"}  # fmt: skip
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
          "section", "article", "blockquote", "pre", "center", "form", "header", "footer", "main",
          "aside", "nav", "table", "tr", "hr", "address", "figure", "figcaption", "caption"}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_URL_META = re.compile(r"https?://\S+")


def decode_html(data: bytes) -> tuple[str, str]:
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii", "ignore").lower()
        if declared in ("gb2312", "gbk", "gb18030", "x-gbk"):
            try:
                return data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                pass
    return decode(data)


class HtmlImporter(Importer):
    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml", ".jsp", ".php", ".aspx")
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        if Path(path).suffix.lower() in self.extensions:
            return True
        h = head.lstrip()[:512].lower()
        return (
            h.startswith((b"<!doctype html", b"<html"))
            or b"<table" in head.lower()
            or b"<body" in h
        )

    def read(self, source: str | Path | bytes, *, name: str = "") -> ParsedDocument:
        import lxml.etree

        data = load_bytes(source)
        text, encoding = decode_html(data)
        text, stats = clean_document_text(text)
        if not text.strip():
            raise DocumentError("HTML 文件没有内容", "the HTML file is empty")
        try:
            # plain etree elements: lxml.html's element classes cost a lookup per node
            root = lxml.etree.fromstring(text.encode("utf-8"), parser=_parser())
        except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
            raise DocumentError(f"无法解析 HTML：{exc}", f"cannot parse the HTML: {exc}") from None
        if root is None:
            raise DocumentError("HTML 文件没有内容", "the HTML file is empty")
        walker = _Walker()
        try:
            walker.walk(root)
        except RecursionError:
            raise DocumentError(
                "HTML 嵌套过深，无法读取", "the HTML is nested too deeply"
            ) from None
        walker.flush(None)
        url = None
        for el in root.iter("link", "meta"):
            href = el.get("href") if el.tag == "link" and el.get("rel") == "canonical" else None
            content = el.get("content") if el.get("property") == "og:url" else None
            candidate = href or content
            if candidate and _URL_META.match(candidate):
                url = candidate
                break
        return ParsedDocument(source=name or "<bytes>", importer=self.name, rows=walker.rows,
                              encoding=encoding, url=url, cleaning=stats)  # fmt: skip


def _parser() -> object:
    from lxml import etree

    return etree.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)


class _Walker:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0

    def flush(self, line: int | None) -> None:
        text = _SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.rows.append(Row([Cell(text, line=self.line)], False))
        self.line = line

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.buffer:
                self.line = line
            self.buffer.append(text)

    def walk(self, el: object) -> None:
        tag = getattr(el, "tag", None)
        line = getattr(el, "sourceline", None)
        if not isinstance(tag, str):  # comments, processing instructions
            self.add(getattr(el, "tail", None), line)
            return
        tag = tag.lower()
        if tag in _SKIP:
            self.add(el.tail, line)  # type: ignore[attr-defined]
            return
        if tag == "table" and not _has_nested_table(el):
            self.flush(line)
            self.rows.extend(_grid(el, self.tables))
            self.tables += 1
            self.add(el.tail, line)  # type: ignore[attr-defined]
            return
        block = tag in _BLOCK or tag in ("td", "th")
        if block:
            self.flush(line)
        if tag == "br":
            self.flush(line)
        self.add(el.text, line)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            self.walk(child)
        if block:
            self.flush(line)
        self.add(el.tail, line)  # type: ignore[attr-defined]


def _has_nested_table(table: object) -> bool:
    return any(True for _ in table.iterdescendants("table"))  # type: ignore[attr-defined]


def _grid(table: object, index: int) -> list[Row]:
    rows: list[list[SpanCell]] = []
    for tr in table.iter("tr"):  # type: ignore[attr-defined]
        cells = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            text = _SPACE.sub(" ", " ".join(t for t in td.itertext())).strip()
            cells.append(
                SpanCell(text, _span(td.get("rowspan")), _span(td.get("colspan")), td.sourceline)
            )
        rows.append(cells)
    return expand(rows, table=index)


def _span(value: str | None) -> int:
    try:
        return int(str(value).strip()) if value else 1
    except ValueError:
        return 1


IMPORTER = HtmlImporter()
