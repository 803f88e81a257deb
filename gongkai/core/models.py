"""Base models shared by the apps."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from gongkai.core.errors import DomainError


class AppendOnlyError(DomainError, ValueError, RuntimeError):
    """An append-only record was about to be changed or deleted.

    A programming error rather than a user's (ValueError/RuntimeError, so callers that guard
    against either catch it), and a DomainError so a view that lets it through still shows a
    message in Chinese first.
    """

    code = "append_only"


class AppendOnlyModel(models.Model):
    """A log row: written once, in the same transaction as the change it records, and then
    never updated nor deleted (ARCHITECTURE.md principle 3). The timelines, audit trails and
    annual-report figures are read from these rows, so an edit would rewrite history.

    Queryset `update()`/`delete()` and cascades bypass these methods; services never use them
    on log models.
    """

    # What the record is called in the error message, e.g. "办理记录".
    log_name_zh: ClassVar[str] = "记录"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(
                f"{self.log_name_zh}只能追加，不能修改。",
                f"{type(self).__name__} is append-only: rows cannot be changed.",
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(
            f"{self.log_name_zh}只能追加，不能删除。",
            f"{type(self).__name__} is append-only: rows cannot be deleted.",
        )
