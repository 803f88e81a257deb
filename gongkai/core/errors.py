"""The one domain error type. Services raise it; views, the API and commands turn it into a
message for the person (Chinese first, then English)."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused an action. `message` is Chinese, `message_en` English."""

    code = "domain_error"

    def __init__(self, message: str, message_en: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        self.field = field

    def __str__(self) -> str:
        return f"{self.message} / {self.message_en}" if self.message_en else self.message


class PermissionDeniedError(DomainError):
    code = "permission_denied"


class ConflictError(DomainError):
    """Somebody else changed the record first (optimistic locking)."""

    code = "conflict"


class NotFoundError(DomainError):
    code = "not_found"
