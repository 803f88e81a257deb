"""What every importer produces: a `ParsedDocument`, a sequence of rows of cells.

A row is a line of text (text, PDF), a paragraph (HTML, DOCX) or a table row (HTML, DOCX, PDF
grid). A cell keeps where it came from (page and line, or table/row/column) and the raw text,
so every value read from it keeps its provenance. `Row.separated` says whether cell boundaries
are known (tab, pipe, grid): only then is an empty cell a blank value.

`Importer` is the small base class of the importer registry (see `parse/__init__.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from gongkai.annual_report.findings import Finding


class DocumentError(Exception):
    """A file that cannot be read at all (not a report format, damaged, too large, no text).

    `message` is Chinese, `message_en` English; the audit prints both and goes on with the batch.
    """

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(f"{message} / {message_en}")
        self.message = message
        self.message_en = message_en


@dataclass(slots=True)
class Cell:
    text: str
    page: int | None = None
    line: int | None = None
    table: int | None = None  # index of the source table (grid layouts), else None
    row: int | None = None  # row inside the source table
    column: int | None = None  # column inside the source table (after span expansion)
    spanned: bool = False  # a copy of a merged cell (rowspan/colspan), not a value of its own

    def where(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            parts.append(
                f"表格{self.table + 1}第{(self.row or 0) + 1}行第{(self.column or 0) + 1}列"
            )
        return "".join(parts)


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    separated: bool = False  # cell boundaries are known: an empty cell is a blank value

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells if not c.spanned)

    @property
    def first(self) -> Cell:
        return self.cells[0]


@dataclass
class ParsedDocument:
    source: str  # file path or URL, as given
    importer: str  # name of the importer that read it
    rows: list[Row]
    encoding: str | None = None
    url: str | None = None  # where the document was published, when the file says so
    pages: int | None = None
    notes: list[Finding] = field(default_factory=list)  # what reading it found (empty pages …)
    cleaning: dict[str, int] = field(default_factory=dict)  # readings removed, traditional chars


class Importer:
    """Base class of the importers. Subclasses set `name` and `extensions` and implement
    `can_read` (cheap: looks at the file name and its first bytes) and `read`.

    `read` takes a path or the file's bytes and returns a ParsedDocument; it raises
    DocumentError with a message in Chinese and English when the file cannot be read at all.
    It must never raise anything else for bad input.
    """

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    priority: ClassVar[int] = 50  # lower is asked first

    def can_read(self, path: str, head: bytes) -> bool:
        return Path(path).suffix.lower() in self.extensions

    def read(self, source: str | Path | bytes, *, name: str = "") -> ParsedDocument:
        raise NotImplementedError


def load_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()
