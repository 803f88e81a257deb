"""The rule registry: every check has a stable id, a severity, a basis and a function.

A rule function takes a `RuleContext` and yields `Finding`s. It reads cells through
`ctx.values(...)`, which returns None when a cell it needs is null (not in the document) and
records the missing cells; `check()` then emits one `AUDIT-NOT-EVALUATED` finding per rule that
had to skip something, naming the missing cells (report-rules.md, "Evaluation").

Other modules (the audit) register their own document-level rules with `@rule(...)` and get
the same bookkeeping. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from gongkai.annual_report.findings import Finding, Severity
from gongkai.annual_report.model import AnnualReport, CellValue
from gongkai.annual_report.schema import CellSpec, FormatVersion

# Cells of the previous year's report are named "previous:<key>" in AUDIT-NOT-EVALUATED.
PREVIOUS_PREFIX = "previous:"


class Basis(StrEnum):
    OFFICIAL = "OFFICIAL"  # printed in the format itself
    DEF = "DEF"  # follows from the table definitions
    SOFT = "SOFT"  # plausibility; can legitimately fail
    NONE = "—"  # bookkeeping (AUDIT-NOT-EVALUATED)


class Scope(StrEnum):
    REPORT = "report"  # one report's cells and sections
    CROSS_YEAR = "cross_year"  # needs the previous year's report
    DOCUMENT = "document"  # needs the parsed source document (audit)


@dataclass
class RuleContext:
    """What a rule can look at. `document` is whatever the audit parsed (None otherwise)."""

    report: AnnualReport
    previous: AnnualReport | None = None
    document: Any = None
    # cells a rule needed but found null, per rule id, in the order met
    missing: dict[str, list[str]] = field(default_factory=dict)
    # why a rule could not run at all (not about null cells), per rule id
    skipped: dict[str, tuple[str, str]] = field(default_factory=dict)
    current_rule: str = ""

    @property
    def fmt(self) -> FormatVersion:
        return self.report.format

    def spec(self, key: str, report: AnnualReport | None = None) -> CellSpec:
        return (report or self.report).format.cell(key)

    def values(self, keys: Sequence[str], report: AnnualReport | None = None) -> list[int] | None:
        """The integer values of `keys`, or None (recording the null ones) if any is null.

        Money cells are not read through here: the identities are about counts.
        """
        rep = report or self.report
        out: list[int] = []
        absent: list[str] = []
        mistyped = False
        for key in keys:
            value = rep.cells.get(key)
            if value is None:
                absent.append(key)  # null = not in the document
            elif not _is_int(value):
                # CELL-TYPE reports it; an identity over it would only repeat that
                mistyped = True
            else:
                out.append(int(value))
        if absent:
            seen = self.missing.setdefault(self.current_rule, [])
            prefix = "" if rep is self.report else PREVIOUS_PREFIX
            seen.extend(f"{prefix}{k}" for k in absent if f"{prefix}{k}" not in seen)
        return None if absent or mistyped else out

    def skip(self, message: str, message_en: str) -> None:
        """Record that the current rule could not run at all, and why."""
        self.skipped[self.current_rule] = (message, message_en)


def _is_int(value: CellValue) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


RuleFunction = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    basis: Basis
    title: str  # what it checks, Chinese
    title_en: str
    function: RuleFunction | None  # None: produced by the engine itself
    scope: Scope = Scope.REPORT
    versions: tuple[str, ...] = ("2019", "2021")  # format versions it applies to

    def finding(
        self,
        message: str,
        message_en: str,
        cells: Iterable[str] = (),
        **details: Any,
    ) -> Finding:
        return Finding(self.id, self.severity, message, message_en, tuple(cells), details)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id} is already registered")
    RULES[rule.id] = rule
    return rule


def rule(
    rule_id: str,
    severity: Severity,
    basis: Basis,
    title: str,
    title_en: str,
    *,
    scope: Scope = Scope.REPORT,
    versions: tuple[str, ...] = ("2019", "2021"),
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule `rule_id`."""

    def decorate(function: RuleFunction) -> RuleFunction:
        register(Rule(rule_id, severity, basis, title, title_en, function, scope, versions))
        return function

    return decorate


def finding(rule_id: str, message: str, message_en: str, cells: Iterable[str] = (),
            **details: Any) -> Finding:  # fmt: skip
    """A finding of the registered rule `rule_id`, with that rule's severity."""
    return RULES[rule_id].finding(message, message_en, cells, **details)
