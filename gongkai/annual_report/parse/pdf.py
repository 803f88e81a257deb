"""PDF: the text layer with positions (pypdfium2), lines and cells rebuilt from coordinates.

Each text box (a character or a run of characters) is placed by its coordinates; boxes whose
vertical centres agree form a line, and within a line a horizontal gap wider than about half a
character starts a new cell. Tables that cross pages simply continue on the next page's lines;
header words split per character come back together in the table reader, which concatenates
label text. Page numbers (`- 3 -`) are dropped. A PDF without a text layer (a scan) cannot be
read: the importer says so rather than returning nothing.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.parse.base import (
    Cell,
    DocumentError,
    Importer,
    ParsedDocument,
    Row,
    load_bytes,
)
from gongkai.annual_report.parse.normalise import clean_document_text

MAX_PAGES = 300
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–\s]*(?:/\s*\d+)?$")


class PdfImporter(Importer):
    name = "pdf"
    extensions = (".pdf",)
    priority = 10

    def can_read(self, path: str, head: bytes) -> bool:
        return head.lstrip()[:5] == b"%PDF-" or Path(path).suffix.lower() == ".pdf"

    def read(self, source: str | Path | bytes, *, name: str = "") -> ParsedDocument:
        data = load_bytes(source)
        if not data.lstrip()[:5] == b"%PDF-":
            raise DocumentError(
                "不是 PDF 文件（缺少 %PDF 文件头）", "not a PDF file (no %PDF header)"
            )
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise DocumentError(f"PDF 文件已损坏或加密，无法打开（{exc}）",
                                f"the PDF is damaged or encrypted ({exc})") from None  # fmt: skip
        try:
            pages = len(pdf)
            if pages > MAX_PAGES:
                raise DocumentError(f"PDF 页数过多（{pages} 页，上限 {MAX_PAGES}）",
                                    f"too many pages ({pages}, limit {MAX_PAGES})")  # fmt: skip
            rows: list[Row] = []
            chars = 0
            bad_pages: list[int] = []
            for index in range(pages):
                try:
                    page_rows, n = _page_rows(pdf, index)
                except pdfium.PdfiumError:
                    bad_pages.append(index + 1)
                    continue
                rows.extend(page_rows)
                chars += n
        finally:
            pdf.close()
        if chars == 0:
            raise DocumentError(
                "PDF 没有文字层（可能是扫描件或图片），无法读取表格和文字",
                "the PDF has no text layer (a scan or pictures); nothing can be read",
            )
        text_cleaned = _clean_rows(rows)
        notes = []
        if bad_pages:
            listed = "、".join(str(p) for p in bad_pages)
            notes.append(Finding("PARSE-UNREADABLE", Severity.WARNING, f"PDF 第 {listed} 页已损坏，无法读取",
                                 f"PDF page(s) {listed} are damaged and cannot be read", (), {"pages": bad_pages}))  # fmt: skip
        return ParsedDocument(
            source=name or "<bytes>", importer=self.name, rows=rows, pages=pages,
            cleaning=text_cleaned, notes=notes,
        )  # fmt: skip


def _page_rows(pdf: object, index: int) -> tuple[list[Row], int]:
    import pypdfium2.raw as raw

    page = pdf[index]  # type: ignore[index]
    try:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count > 0 else ""
            # characters outside the BMP shift the indices: then read by rectangles instead
            boxes = _char_runs(raw, textpage, text) if len(text) == count else _rect_boxes(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return lines_from_boxes(boxes, page_number=index + 1), sum(len(b[4].strip()) for b in boxes)


Box = tuple[float, float, float, float, str]


def _char_runs(raw: object, textpage: object, text: str) -> list[Box]:
    """Character boxes, merged into runs of adjacent characters on the same baseline (fewer
    boxes to place; a run never crosses a space or a gap wider than half a character)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    get_box = raw.FPDFText_GetCharBox  # type: ignore[attr-defined]
    handle = textpage.raw  # type: ignore[attr-defined]
    runs: list[list[float | str]] = []
    current: list[float | str] | None = None
    for i, ch in enumerate(text):
        if ch.isspace() or ch == "\ufffe" or ch == "\x00":
            current = None
            continue
        if not get_box(handle, i, left, right, bottom, top):
            current = None
            continue
        lv, rv, bv, tv = left.value, right.value, bottom.value, top.value
        h = max(tv - bv, 0.5)
        if current is not None:
            cl, cb, cr, ct = current[0], current[1], current[2], current[3]
            assert (
                isinstance(cl, float)
                and isinstance(cb, float)
                and isinstance(cr, float)
                and isinstance(ct, float)
            )
            ch_h = max(ct - cb, 0.5)
            same_line = abs(tv - ct) <= 0.35 * max(h, ch_h) and abs(bv - cb) <= 0.5 * max(h, ch_h)
            if same_line and -0.5 <= lv - cr <= 0.5 * max(h, ch_h):
                current[1] = min(cb, bv)
                current[2] = max(cr, rv)
                current[3] = max(ct, tv)
                current[4] = str(current[4]) + ch
                continue
        current = [lv, bv, rv, tv, ch]
        runs.append(current)
    return [(float(a), float(b), float(c), float(d), str(e)) for a, b, c, d, e in runs]


def _rect_boxes(textpage: object) -> list[Box]:
    boxes: list[Box] = []
    for i in range(textpage.count_rects()):  # type: ignore[attr-defined]
        left, bottom, right, top = textpage.get_rect(i)  # type: ignore[attr-defined]
        text = textpage.get_text_bounded(left, bottom, right, top)  # type: ignore[attr-defined]
        if text and text.strip():
            boxes.append((left, bottom, right, top, text))
    return boxes


def lines_from_boxes(
    boxes: list[tuple[float, float, float, float, str]], *, page_number: int
) -> list[Row]:
    """Group boxes (left, bottom, right, top, text) into lines, and lines into cells by gaps."""
    if not boxes:
        return []
    # Tallest boxes first within a band, so that a line's extent is set by its characters and
    # small punctuation (。，、.) sitting on the baseline joins the line it belongs to.
    boxes.sort(key=lambda b: (-b[3], b[0]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    extents: list[tuple[float, float]] = []
    for b in boxes:
        bottom, top = b[1], b[3]
        h = max(top - bottom, 0.5)
        best: tuple[float, int] | None = None
        for idx in range(len(lines) - 1, max(-1, len(lines) - 16), -1):
            lb, lt = extents[idx]
            overlap = min(top, lt) - max(bottom, lb)
            if overlap >= 0.5 * min(h, lt - lb):
                # prefer the line whose extent is most like this box's (ratio of overlap)
                score = overlap / max(h, lt - lb)
                if best is None or score > best[0]:
                    best = (score, idx)
        if best is not None:
            idx = best[1]
            lines[idx].append(b)
            lb, lt = extents[idx]
            extents[idx] = (min(lb, bottom), max(lt, top))
        else:
            lines.append([b])
            extents.append((bottom, top))
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        line.sort(key=lambda b: b[0])
        cells: list[str] = []
        last_right = None
        prev_h = 0.0
        for left, bottom, right, top, text in line:
            h = max(top - bottom, 1.0)
            # about one character: CJK punctuation sits in a wide advance, columns are wider
            gap_limit = max(2.0, max(h, prev_h) * 0.9)
            prev_h = h
            if last_right is not None and left - last_right <= gap_limit and cells:
                cells[-1] += text
            else:
                cells.append(text)
            last_right = right
        texts = [c.strip() for c in cells if c.strip()]
        if not texts or _PAGE_NUMBER.match(" ".join(texts)):
            continue
        rows.append(Row([Cell(t, page=page_number, line=number) for t in texts], False))
    return rows


def _clean_rows(rows: list[Row]) -> dict[str, int]:
    total = {"readings": 0, "traditional": 0}
    joined = "\n".join("\t".join(c.text for c in r.cells) for r in rows)
    cleaned, stats = clean_document_text(joined)
    if cleaned != joined:
        lines = cleaned.split("\n")
        if len(lines) == len(rows):
            for row, line in zip(rows, lines, strict=True):
                parts = line.split("\t")
                if len(parts) == len(row.cells):
                    for cell, part in zip(row.cells, parts, strict=True):
                        cell.text = part
    for k, v in stats.items():
        total[k] += v
    return total


IMPORTER = PdfImporter()
