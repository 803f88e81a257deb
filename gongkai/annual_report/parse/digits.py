"""Recovering values from flattened digit runs (annual-report-format.md §9.3).

When a table row's cells run together (`713000074` for seven cells), the boundaries are lost.
`candidates()` enumerates every way to cut the runs of a row into the number of cells the row
must have (no leading zeros except a lone `0`; a leading minus stays with the first number of
its run; decimals are never cut) and keeps the cuts a caller-supplied identity accepts. The
caller accepts a cut only if exactly one survives — several surviving cuts are kept and
reported, never guessed between.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from itertools import islice

Value = int | Decimal
MAX_CANDIDATES = 20000  # enumeration stops here; the row is then reported as ambiguous


def parse_number(text: str) -> Value | None:
    """`1,234` → 1234; `12.50` → Decimal; `-5` → -5; anything else → None."""
    t = text.replace(",", "").strip()
    if not t:
        return None
    try:
        if "." in t:
            return Decimal(t)
        return int(t)
    except (ValueError, InvalidOperation):
        return None


def cuts(run: str, parts: int) -> Iterator[list[Value]]:
    """All ways to cut a digit string (optionally starting with '-') into `parts` integers."""
    sign = 1
    if run.startswith(("-", "+")):
        sign = -1 if run[0] == "-" else 1
        run = run[1:]
    if not run.isdigit() or parts < 1 or parts > len(run):
        return

    def rec(start: int, left: int) -> Iterator[list[int]]:
        rest = len(run) - start
        if left == 1:
            piece = run[start:]
            if piece == "0" or not piece.startswith("0"):
                yield [int(piece)]
            return
        # leave at least one digit for each remaining part
        for end in range(start + 1, len(run) - left + 2):
            piece = run[start:end]
            if len(piece) > 1 and piece.startswith("0"):
                break
            if rest - len(piece) < left - 1:
                break
            for tail in rec(end, left - 1):
                yield [int(piece), *tail]

    for values in rec(0, parts):
        values[0] *= sign
        yield list[Value](values)


def _compositions(total: int, capacities: list[int]) -> Iterator[list[int]]:
    """Ways to give each token ≥1 part (≤ its capacity) so that the parts sum to `total`."""
    if not capacities:
        if total == 0:
            yield []
        return
    head, rest = capacities[0], capacities[1:]
    min_rest = len(rest)
    max_rest = sum(rest)
    for n in range(1, head + 1):
        left = total - n
        if left < min_rest:
            break
        if left > max_rest:
            continue
        for tail in _compositions(left, rest):
            yield [n, *tail]


def candidates(
    tokens: list[str], cells: int, accept: Callable[[list[Value]], bool] | None = None
) -> tuple[list[list[Value]], bool]:
    """Every assignment of `cells` values cut from the tokens that `accept` allows.

    Tokens are number texts in order (each may hold several values run together). Returns the
    surviving assignments and whether the enumeration was cut short at MAX_CANDIDATES.
    """
    parsed: list[str] = [t.replace(",", "") for t in tokens]
    capacities = []
    for t in parsed:
        if "." in t or not t.lstrip("+-").isdigit():
            capacities.append(1)  # decimals and odd tokens are atomic
        else:
            capacities.append(len(t.lstrip("+-")))
    found: list[list[Value]] = []
    seen = 0
    truncated = False
    for comp in _compositions(cells, capacities):
        pieces: list[list[list[Value]]] = []
        for tok, n in zip(parsed, comp, strict=True):
            if n == 1:
                value = parse_number(tok)
                if value is None or (
                    tok.lstrip("+-").startswith("0")
                    and len(tok.lstrip("+-")) > 1
                    and "." not in tok
                ):
                    pieces.append([])
                else:
                    pieces.append([[value]])
            else:
                # a long run could be cut in billions of ways: take at most MAX_CANDIDATES
                cut_list: list[list[Value]] = list(islice(cuts(tok, n), MAX_CANDIDATES + 1))
                if len(cut_list) > MAX_CANDIDATES:
                    return found, True
                pieces.append(cut_list)
        for combo in _product(pieces):
            seen += 1
            if seen > MAX_CANDIDATES:
                return found, True
            if accept is None or accept(combo):
                found.append(combo)
    return found, truncated


def _product(pieces: list[list[list[Value]]]) -> Iterator[list[Value]]:
    if not pieces:
        yield []
        return
    for first in pieces[0]:
        for rest in _product(pieces[1:]):
            yield first + rest
