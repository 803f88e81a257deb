"""The renderer registry and what every renderer promises."""

from __future__ import annotations

import time

import pytest

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import (
    RENDERERS,
    Renderer,
    UnknownRendererError,
    get_renderer,
    renderer_for_extension,
)


def test_the_five_formats_are_registered_in_order() -> None:
    assert list(RENDERERS) == ["html", "docx", "xlsx", "pdf", "json"]
    for name, renderer in RENDERERS.items():
        assert isinstance(renderer, Renderer)
        assert (
            renderer.name == name and renderer.extension and renderer.media_type and renderer.label
        )
        assert renderer_for_extension("." + renderer.extension) is renderer
    assert renderer_for_extension("htm") is RENDERERS["html"]
    assert renderer_for_extension("odt") is None


def test_an_unknown_name_is_refused_in_both_languages() -> None:
    with pytest.raises(UnknownRendererError) as info:
        get_renderer("odt")
    assert (
        "不支持的输出格式" in info.value.message_zh
        and "unknown output format" in info.value.message_en
    )
    assert get_renderer("DOCX") is RENDERERS["docx"]


@pytest.mark.parametrize("name", ["html", "docx", "xlsx", "json"])
def test_the_same_report_gives_the_same_bytes(seed: AnnualReport, name: str) -> None:
    first = get_renderer(name).render(seed)
    time.sleep(1.1)  # zip entries carry 2-second timestamps; cross a boundary
    assert get_renderer(name).render(seed) == first


def test_the_download_name_is_the_title(seed: AnnualReport) -> None:
    assert get_renderer("pdf").filename(seed) == "遂平县人民政府2021年政府信息公开工作年度报告.pdf"
