"""Narrative text as paragraphs: each line its own paragraph; a short line such as
“（一）主动公开情况” is a sub-heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import template

register = template.Library()

_SUBHEAD = re.compile(r"^（[一二三四五六七八九十]+）[^。；]{2,30}$")


@dataclass(frozen=True)
class Paragraph:
    text: str
    subhead: bool


@register.filter
def paragraphs(text: str | None) -> list[Paragraph]:
    lines = [line.strip() for line in (text or "").splitlines()]
    return [Paragraph(line, bool(_SUBHEAD.match(line))) for line in lines if line]
