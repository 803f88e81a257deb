"""Checks on one annual report (and on two consecutive years' reports): report-rules.md.

Public entry: `check(report, *, previous=None) -> list[Finding]`. Every rule is registered in
`RULES` (id → `Rule` with severity, basis, title and function); the audit registers its own
document-level rules with the `rule` decorator and calls `check(..., document=...)`.

Modules, each registering its rules on import (the import order is the order of findings):
cells (CELL-TYPE), table3, table4, table2, report (format version, fee statement),
cross_year. Pure Python: no Django.
"""

from __future__ import annotations

# Importing a module registers its rules; the order here is the order of the findings.
# isort: off
from gongkai.annual_report.rules import cells  # noqa: F401
from gongkai.annual_report.rules import table3  # noqa: F401
from gongkai.annual_report.rules import table4  # noqa: F401
from gongkai.annual_report.rules import table2  # noqa: F401
from gongkai.annual_report.rules import report  # noqa: F401
from gongkai.annual_report.rules import cross_year  # noqa: F401

# isort: on
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
from gongkai.annual_report.rules.similarity import Similarity, compare

__all__ = [
    "NOT_EVALUATED",
    "RULES",
    "Basis",
    "Rule",
    "RuleContext",
    "RuleFunction",
    "Scope",
    "Similarity",
    "check",
    "compare",
    "finding",
    "has_errors",
    "register",
    "rule",
]
