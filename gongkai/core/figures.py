"""Figure: a number in a report together with the records it was computed from.

Selectors that feed the annual report (applications → table 三, publications → table 二 and
the proactive-disclosure narrative, appeals → table 四) return `dict[str, Figure]` keyed by
canonical cell key, so every cell can be drilled down to its records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Figure:
    value: int | Decimal = 0
    # Record references "<app>.<model>:<pk>", e.g. "applications.application:42".
    records: list[str] = field(default_factory=list)

    def add(self, ref: str, amount: int | Decimal = 1) -> None:
        self.value += amount
        self.records.append(ref)


def record_ref(app_model: str, pk: object) -> str:
    return f"{app_model}:{pk}"
