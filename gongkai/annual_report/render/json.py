"""JSON per the report contract (docs/architecture.md, "Report JSON"): `model.dumps`, which
writes money as exact JSON numbers, so `model.loads(render(report))` gives the report back."""

from __future__ import annotations

from gongkai.annual_report.model import AnnualReport
from gongkai.annual_report.render import Renderer, register


@register
class JsonRenderer(Renderer):
    name = "json"
    label = "数据（JSON）"
    media_type = "application/json"
    extension = "json"

    def render(self, report: AnnualReport) -> bytes:
        return (report.to_json(indent=2) + "\n").encode("utf-8")
