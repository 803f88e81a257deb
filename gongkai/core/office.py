"""Links on the back-office start page. Each app registers its own in its AppConfig.ready(),
with a predicate saying who sees the link, so the page never offers what a user cannot open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class OfficeLink:
    label: str
    url: str  # a path or a URL name resolved by the template
    visible: Callable[[HttpRequest], bool]
    order: int = 100


_LINKS: list[OfficeLink] = []


def register_office_link(link: OfficeLink) -> None:
    if all(existing.url != link.url for existing in _LINKS):
        _LINKS.append(link)


def office_links(request: HttpRequest) -> list[OfficeLink]:
    return sorted((link for link in _LINKS if link.visible(request)), key=lambda x: x.order)
