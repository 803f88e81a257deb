"""Finding: one result of a check on a report (rules, audit). Part of the audit-output
contract in docs/architecture.md: `rule`, `severity`, `message`, `cells`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the report is wrong as it stands
    WARNING = "warning"  # probably wrong; a person should look
    INFO = "info"  # worth knowing


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id from docs/domain/report-rules.md, e.g. "T3-BALANCE"
    severity: Severity
    message: str  # Chinese
    message_en: str  # English
    cells: tuple[str, ...] = ()  # canonical cell keys involved
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "cells": list(self.cells),
        }
        if self.details:
            out["details"] = self.details
        return out
