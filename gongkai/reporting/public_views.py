"""The public 政府信息公开年报 pages: the list of published reports and each report."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from gongkai.annual_report.model import from_dict
from gongkai.reporting.presentation import tables_context
from gongkai.reporting.selectors import published_content, published_reports

DOWNLOADS = (("pdf", "下载 PDF"), ("docx", "下载 Word（DOCX）"), ("xlsx", "下载表格（XLSX）"))


def published_list(request: HttpRequest) -> HttpResponse:
    reports = published_reports()
    years: dict[int, list] = {}
    for report in reports:
        years.setdefault(report.year, []).append(report)
    return render(
        request, "reporting/public_list.html", {"years": sorted(years.items(), reverse=True)}
    )


def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(published_reports(), pk=pk)
    content = published_content(report)
    return render(
        request,
        "reporting/public_detail.html",
        {"report": report, "content": content, "title": content.get("title") or report.title,
         "sections": content.get("sections", {}), "drill": None,
         "downloads": [(f"/reports/{report.pk}/report.{ext}", label) for ext, label in DOWNLOADS],
         **tables_context(str(content.get("format_version")), content.get("cells", {}))},
    )  # fmt: skip


def published_download(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """The published version as PDF, DOCX or XLSX. Renderers are pure functions of the report,
    so each published version is rendered once and kept under GONGKAI_DATA_DIR/reports/."""
    from gongkai.annual_report.render import RenderError, get_renderer

    if ext not in {e for e, _ in DOWNLOADS}:
        raise Http404
    report = get_object_or_404(published_reports(), pk=pk)
    assert report.published_version is not None
    renderer = get_renderer(ext)
    annual = from_dict(published_content(report))
    cache = (
        Path(settings.DATA_DIR)
        / "reports"
        / f"{report.pk}-v{report.published_version.number}.{ext}"
    )
    if cache.exists():
        data = cache.read_bytes()
    else:
        try:
            data = renderer.render(annual)
        except RenderError as exc:
            return HttpResponse(f"{exc.message_zh} / {exc.message_en}", status=503,
                                content_type="text/plain; charset=utf-8")  # fmt: skip
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(cache.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(cache)
    response = HttpResponse(data, content_type=renderer.media_type)
    response["Content-Disposition"] = content_disposition_header(True, renderer.filename(annual))
    return response
