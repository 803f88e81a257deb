"""Template filters of the back office's statistics page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template

from gongkai.core.figures import Figure
from gongkai.publications.models import NormativeDocument

register = template.Library()


@register.filter
def get(cells: dict[str, Figure], key: str) -> int | Decimal | str:
    figure = cells.get(key)
    if figure is None:
        return "—"
    value = figure.value
    return value.normalize() if isinstance(value, Decimal) else value


@register.filter
def status_at(doc: NormativeDocument, day: date) -> str:
    return doc.status_on(day)
