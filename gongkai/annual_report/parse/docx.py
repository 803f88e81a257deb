"""DOCX: Word documents, read from `word/document.xml` with lxml.

Merged cells: `w:gridSpan` (columns) and `w:vMerge` (rows, `restart` … `continue`) become
spans of the grid (`parse/grid.py`). Paragraphs outside tables become one row each.

The zip is checked before anything is decompressed — entry count, declared sizes and
compression ratios — and `document.xml` is read with a hard limit that also catches an entry
whose actual size exceeds its declared size, so a zip bomb is refused with a clear message.
"""

from __future__ import annotations

import io
import zipfile
import zlib
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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5000
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024
MAX_DOCUMENT_XML = 60 * 1024 * 1024
MAX_RATIO = 150  # uncompressed / compressed, for entries over 1 MB


def _bomb(msg_zh: str, msg_en: str) -> DocumentError:
    return DocumentError(f"DOCX 文件异常，拒绝解压：{msg_zh}", f"suspicious DOCX refused: {msg_en}")


def read_document_xml(data: bytes) -> bytes:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise DocumentError(
            f"DOCX 文件已损坏（不是有效的 zip）：{exc}", f"damaged DOCX (not a valid zip): {exc}"
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _bomb(f"包含 {len(infos)} 个文件", f"{len(infos)} entries")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb(
                f"解压后共 {total / 1048576:.0f} MB", f"{total / 1048576:.0f} MB uncompressed"
            )
        try:
            info = zf.getinfo("word/document.xml")
        except KeyError:
            raise DocumentError(
                "不是 Word 文档（缺少 word/document.xml）",
                "not a Word document (no word/document.xml)",
            ) from None
        if info.file_size > MAX_DOCUMENT_XML:
            raise _bomb(
                f"正文解压后 {info.file_size / 1048576:.0f} MB",
                f"document.xml is {info.file_size / 1048576:.0f} MB",
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bomb(
                f"压缩比 {info.file_size // max(info.compress_size, 1)}:1",
                "compression ratio too high",
            )
        limit = min(info.file_size, MAX_DOCUMENT_XML)
        try:
            with zf.open(info) as fh:
                body = fh.read(limit + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            NotImplementedError,
            RuntimeError,
            ValueError,
        ) as exc:
            raise DocumentError(
                f"DOCX 正文无法解压：{exc}", f"cannot decompress document.xml: {exc}"
            ) from None
        if len(body) > limit:
            raise _bomb("正文的实际大小超过声明的大小", "document.xml is larger than declared")
        return body


class DocxImporter(Importer):
    name = "docx"
    extensions = (".docx",)
    priority = 20

    def can_read(self, path: str, head: bytes) -> bool:
        return Path(path).suffix.lower() == ".docx" or (
            head[:4] == b"PK\x03\x04" and b"word/" in head
        )

    def read(self, source: str | Path | bytes, *, name: str = "") -> ParsedDocument:
        from lxml import etree

        body = read_document_xml(load_bytes(source))
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, recover=False
        )
        try:
            root = etree.fromstring(body, parser)
        except etree.XMLSyntaxError as exc:
            raise DocumentError(
                f"DOCX 正文不是有效的 XML：{exc}", f"document.xml is not valid XML: {exc}"
            ) from None
        doc_body = root.find(f"{W}body")
        if doc_body is None:
            raise DocumentError("DOCX 没有正文", "the DOCX has no body")
        rows: list[Row] = []
        paragraph = 0
        tables = 0
        for el in doc_body:
            if el.tag == f"{W}p":
                paragraph += 1
                text = _paragraph_text(el)
                if text.strip():
                    rows.append(Row([Cell(text.strip(), line=paragraph)], False))
            elif el.tag == f"{W}tbl":
                rows.extend(_table(el, tables))
                tables += 1
            elif el.tag == f"{W}sdt":  # content controls wrap paragraphs and tables
                for p in el.iter(f"{W}p"):
                    paragraph += 1
                    text = _paragraph_text(p)
                    if text.strip():
                        rows.append(Row([Cell(text.strip(), line=paragraph)], False))
        joined = "\n".join("\t".join(c.text for c in r.cells) for r in rows)
        cleaned, stats = clean_document_text(joined)
        if cleaned != joined:
            for row, line in zip(rows, cleaned.split("\n"), strict=False):
                parts = line.split("\t")
                if len(parts) == len(row.cells):
                    for cell, part in zip(row.cells, parts, strict=True):
                        cell.text = part
        return ParsedDocument(
            source=name or "<bytes>", importer=self.name, rows=rows, cleaning=stats
        )


def _paragraph_text(p: object) -> str:
    out = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):  # type: ignore[attr-defined]
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append(" ")
        else:
            out.append(" ")
    return "".join(out)


def _table(tbl: object, index: int) -> list[Row]:
    rows: list[list[SpanCell]] = []
    # vMerge: a cell marked `continue` belongs to the cell above it: count the rowspan there.
    open_merges: dict[int, SpanCell] = {}
    for tr in tbl.findall(f"{W}tr"):  # type: ignore[attr-defined]
        cells: list[SpanCell] = []
        col = 0
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            merge = None
            if props is not None:
                gs = props.find(f"{W}gridSpan")
                if gs is not None:
                    try:
                        span = max(1, min(int(gs.get(f"{W}val", "1")), 200))
                    except ValueError:
                        span = 1
                vm = props.find(f"{W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{W}val", "continue")
            text = " ".join(t for t in (_paragraph_text(p) for p in tc.iter(f"{W}p")) if t.strip())
            if merge == "continue" and col in open_merges:
                open_merges[col].rowspan += 1
                cells.append(SpanCell("", 1, span, None))
                cells[-1].rowspan = -1  # placeholder: dropped below, the grid fills the spot
            else:
                sc = SpanCell(text, 1, span, None)
                cells.append(sc)
                if merge == "restart":
                    open_merges[col] = sc
                else:
                    open_merges.pop(col, None)
            col += span
        rows.append(cells)
    cleaned = [[c for c in r if c.rowspan != -1] for r in rows]
    return expand(cleaned, table=index)


IMPORTER = DocxImporter()
