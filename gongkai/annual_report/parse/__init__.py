"""Importers of published annual reports, behind a registry.

    doc = read_document("report.pdf")      # ParsedDocument (rows of cells with provenance)
    result = extract(doc)                   # parse.report.Extraction: AnnualReport + structure

Importers: text (UTF-8/GB18030, tabs, pipes, one cell per line, flattened runs), HTML
(rowspan/colspan, &nbsp;), DOCX (merged cells; read with lxml from the zip after checking
sizes), PDF (text layer with positions, grid rebuilt). Add one by subclassing `Importer` and
calling `register()`; see docs/audit.md.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.annual_report.parse.base import (
    Cell,
    DocumentError,
    Importer,
    ParsedDocument,
    Row,
)

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are refused with a clear message
HEAD_BYTES = 4096

_REGISTRY: list[Importer] = []


def register(importer: Importer) -> Importer:
    """Add an importer to the registry (idempotent by name)."""
    global _REGISTRY
    _REGISTRY = [i for i in _REGISTRY if i.name != importer.name] + [importer]
    _REGISTRY.sort(key=lambda i: i.priority)
    return importer


def importers() -> list[Importer]:
    _load_builtin()
    return list(_REGISTRY)


def _load_builtin() -> None:
    if _REGISTRY:
        return
    import importlib

    for name in ("pdf", "docx", "html", "text"):
        dotted = f"gongkai.annual_report.parse.{name}"
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name == dotted:
                continue
            raise
        register(module.IMPORTER)


def choose_importer(path: str, head: bytes) -> Importer:
    for importer in importers():
        if importer.can_read(path, head):
            return importer
    raise DocumentError(
        "无法识别的文件类型（支持 PDF、DOCX、HTML 和文本）",
        "unrecognised file type (PDF, DOCX, HTML and text are supported)",
    )


def read_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> ParsedDocument:
    """Read one file with the importer that recognises it. Raises DocumentError only."""
    p = Path(path)
    try:
        if not p.is_file():
            raise DocumentError("文件不存在或不是普通文件", "no such file (or not a regular file)")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                f"文件过大：{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB",
                f"file too large: {size / 1048576:.1f} MB, the limit is {max_bytes / 1048576:.0f} MB",
            )
        if size == 0:
            raise DocumentError("文件是空的", "the file is empty")
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise DocumentError(
            f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}"
        ) from None
    importer = choose_importer(str(p), head)
    return importer.read(p, name=str(path))


__all__ = [
    "MAX_FILE_BYTES",
    "Cell",
    "DocumentError",
    "Importer",
    "ParsedDocument",
    "Row",
    "choose_importer",
    "importers",
    "read_document",
    "register",
]
