"""Renderers: one AnnualReport out as HTML, DOCX, XLSX, PDF or JSON, behind a registry.

Each output format is a `Renderer` subclass in its own module, registered by name::

    from gongkai.annual_report.render import get_renderer
    data: bytes = get_renderer("docx").render(report)

The tables are laid out once, in `layout.py`, from the labels in schema.py; renderers only
paint those grids. Every renderer follows the export convention of
docs/domain/annual-report-format.md §8: a zero is printed `0`, a null cell (the report has no
such figure) `—` with a legend, never a blank; money keeps exactly its decimals.

Pure Python, no Django: the `gongkai report render` command and the web app use the same
renderers.
"""

from __future__ import annotations

from typing import ClassVar

from gongkai.annual_report.model import AnnualReport


class RenderError(Exception):
    """A report could not be rendered (e.g. a system library PDF output needs is missing).

    Carries the reason in Chinese and English, like DomainError, without depending on Django.
    """

    def __init__(self, message_zh: str, message_en: str) -> None:
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh} / {message_en}")


class Renderer:
    """Base class of every output format.

    Subclasses set the class attributes and implement `render`. `render` is a pure function
    of the report: the same report gives the same bytes (no clock in the output; see
    package.py), so outputs can be compared, cached and signed. (PDF: WeasyPrint writes no
    date unless given one.)
    """

    name: ClassVar[str]  # registry name and `--to` value: "html"
    label: ClassVar[str]  # for people: "网页（HTML）"
    media_type: ClassVar[str]  # HTTP Content-Type
    extension: ClassVar[str]  # file extension without the dot

    def render(self, report: AnnualReport) -> bytes:
        raise NotImplementedError

    def filename(self, report: AnnualReport) -> str:
        """A download name: the report title plus this format's extension."""
        title = report.title or report.default_title()
        return f"{title}.{self.extension}"


RENDERERS: dict[str, Renderer] = {}


def register(renderer_cls: type[Renderer]) -> type[Renderer]:
    """Class decorator: add one instance of the renderer to RENDERERS under its name."""
    RENDERERS[renderer_cls.name] = renderer_cls()
    return renderer_cls


class UnknownRendererError(KeyError):
    def __init__(self, name: str) -> None:
        known = "、".join(RENDERERS)
        self.message_zh = f"不支持的输出格式 {name!r}（可用：{known}）"
        self.message_en = f"unknown output format {name!r} (known: {', '.join(RENDERERS)})"
        super().__init__(f"{self.message_zh} / {self.message_en}")


def get_renderer(name: str) -> Renderer:
    try:
        return RENDERERS[name.lower()]
    except KeyError:
        raise UnknownRendererError(name) from None


def renderer_for_extension(extension: str) -> Renderer | None:
    ext = extension.lower().lstrip(".")
    ext = {"htm": "html", "xhtml": "html"}.get(ext, ext)
    return next((r for r in RENDERERS.values() if r.extension == ext), None)


# Import the format modules last: each registers itself with the decorator above.
from gongkai.annual_report.render import (  # noqa: E402
    docx,
    html,
    json,
    pdf,
    xlsx,
)

# The order people see them in (`--to` help, download menus).
_ORDER = ("html", "docx", "xlsx", "pdf", "json")
for _name in sorted(RENDERERS, key=lambda n: _ORDER.index(n) if n in _ORDER else len(_ORDER)):
    RENDERERS[_name] = RENDERERS.pop(_name)

__all__ = [
    "RENDERERS",
    "RenderError",
    "Renderer",
    "UnknownRendererError",
    "docx",
    "get_renderer",
    "html",
    "json",
    "pdf",
    "register",
    "renderer_for_extension",
    "xlsx",
]
