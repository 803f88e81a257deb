"""PDF through WeasyPrint, from the same HTML document as the HTML renderer.

The CSS font stacks end in Noto Serif/Sans CJK SC (Debian package fonts-noto-cjk, which
whatever installs gongkai must install; see ./dev). WeasyPrint embeds only the glyphs used,
as subsets, so a report PDF stays small and shows the same on any reader. Page size, margins
and the `— 1 —` page number come from the `@page` rule of report.css.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import Renderer, RenderError, register
from gongkai.annual_report.render.html import document
from gongkai.annual_report.render.narrative import title_of


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango/HarfBuzz libraries missing
        raise RenderError(
            f"无法生成 PDF：WeasyPrint 或它需要的系统库（Pango）不可用（{exc}）",
            f"cannot make a PDF: WeasyPrint or the system libraries it needs (Pango) are missing ({exc})",
        ) from exc
    return weasyprint


@register
class PdfRenderer(Renderer):
    name = "pdf"
    label = "PDF 文档"
    media_type = "application/pdf"
    extension = "pdf"

    def render(self, report: AnnualReport) -> bytes:
        wp = _weasyprint()
        html = wp.HTML(string=document(report), base_url=None)
        doc = html.render()
        doc.metadata.title = title_of(report)
        doc.metadata.authors = [report.organ]
        doc.metadata.generator = "gongkai"
        data: bytes = doc.write_pdf()
        return data
