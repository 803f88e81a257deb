"""Reads of reports: what a user may list, what the public sees, and the records behind a
cell (drill-down)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from gongkai.reporting.models import Report, ReportVersion
from gongkai.reporting.permissions import report_organ_ids_visible

DRILL_PAGE = 200


def reports_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Report]:
    return Report.objects.filter(organ_id__in=report_organ_ids_visible(user)).select_related(
        "organ"
    )


def published_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(published_version__isnull=False)
        .select_related("organ", "published_version")
        .order_by("-year", "organ__sort_order", "organ_id", "scope")
    )


def published_content(report: Report) -> dict[str, Any]:
    assert report.published_version is not None
    version: ReportVersion = report.published_version
    return dict(version.content)


@dataclass(frozen=True)
class RecordLink:
    ref: str
    label: str
    url: str | None


# Office pages of records whose model has no get_absolute_url.
_OFFICE_URLS = {
    "appeals.appeal": "/office/appeals/{pk}/",
}


def record_label(obj: Any) -> str:
    """A label without personal data: an application by its case number, never the
    applicant's name (report preparers need not see who applied)."""
    reference = getattr(obj, "reference", None)
    if isinstance(reference, str):
        received = getattr(obj, "received_on", None)
        return f"{reference}（{received:%Y-%m-%d}收到）" if received else reference
    index_number = getattr(obj, "index_number", None)
    if index_number:
        return f"{index_number} {getattr(obj, 'title', '')}".strip()
    return str(obj)


def resolve_records(refs: list[str], *, limit: int = DRILL_PAGE) -> list[RecordLink]:
    """Turn "<app>.<model>:<pk>" references into labelled links (one query per model)."""
    by_model: dict[str, list[str]] = defaultdict(list)
    for ref in refs[:limit]:
        model_label, _, pk = ref.partition(":")
        by_model[model_label].append(pk)
    found: dict[str, RecordLink] = {}
    for model_label, pks in by_model.items():
        try:
            model = apps.get_model(model_label)
        except (LookupError, ValueError):
            for pk in pks:
                found[f"{model_label}:{pk}"] = RecordLink(
                    f"{model_label}:{pk}", f"{model_label} #{pk}", None
                )
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            ref = f"{model_label}:{obj.pk}"
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
            if url is None and model_label in _OFFICE_URLS:
                url = _OFFICE_URLS[model_label].format(pk=obj.pk)
            found[ref] = RecordLink(ref, record_label(obj), url)
    return [found.get(ref, RecordLink(ref, f"{ref}（记录已删除）", None)) for ref in refs[:limit]]
