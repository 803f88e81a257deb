"""Checks on one annual report (and on two consecutive years' reports): report-rules.md.

Public entry: `check(report, *, previous=None) -> list[Finding]`. Every rule is registered in
`RULES` (id → `Rule` with severity, basis, title and function); the audit registers its own
document-level rules with the `rule` decorator and calls `check(..., document=...)`.

Modules, each registering its rules on import (the import order is the order of findings):
cells (CELL-TYPE), table3, table4, table2, report (format version, fee statement),
cross_year. Pure Python: no Django.
"""

from __future__ import annotations

from gongkai.annual_report.rules import cells, table3, table4  # noqa: F401  (registers rules)
from gongkai.annual_report.rules.engine import NOT_EVALUATED, check, has_errors
from gongkai.annual_report.rules.registry import (
    RULES,
    Basis,
    Rule,
    RuleContext,
    RuleFunction,
    Scope,
    finding,
    register,
    rule,
)

__all__ = [
    "NOT_EVALUATED",
    "RULES",
    "Basis",
    "Rule",
    "RuleContext",
    "RuleFunction",
    "Scope",
    "check",
    "finding",
    "has_errors",
    "register",
    "rule",
]
