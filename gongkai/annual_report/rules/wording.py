"""Small helpers that turn cells and values into the bilingual wording of findings.

Labels always come from the schema (CellSpec, T3Column, T4Group); nothing here names a label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gongkai.annual_report.schema import FormatVersion, table_of


def terms(pairs: Iterable[tuple[str, int]]) -> str:
    """ "予以公开 3 + 部分公开 0" from (label, value) pairs."""
    return " + ".join(f"{label} {value}" for label, value in pairs)


def quoted(label: str) -> str:
    return f"「{label}」"


def difference(expected: int, actual: int) -> tuple[str, str]:
    diff = actual - expected
    return (f"相差 {diff:+d}", f"off by {diff:+d}")


def list_labels(fmt: FormatVersion, keys: Sequence[str], limit: int = 5) -> tuple[str, str]:
    """Labels of `keys` for a message: every label up to `limit`, then "等 N 个"."""
    shown = [f"{fmt.cell(k).label}（{k}）" for k in keys[:limit] if fmt.has_cell(k)]
    shown_en = list(keys[:limit])
    rest = len(keys) - len(shown_en)
    zh = "；".join(shown) + (f" 等 {len(keys)} 个单元格" if rest > 0 else "")
    en = ", ".join(shown_en) + (f" and {rest} more" if rest > 0 else "")
    return zh, en


def describe_missing(
    fmt: FormatVersion, cells: Mapping[str, object], keys: Sequence[str], limit: int = 3
) -> tuple[str, str]:
    """The null cells a rule needed, per table: a whole table absent from the document is
    named as such instead of listing its 175 cells."""
    by_table: dict[str, list[str]] = {}
    for key in keys:
        by_table.setdefault(table_of(key), []).append(key)
    zh_parts, en_parts = [], []
    for table, table_keys in by_table.items():
        whole = all(cells.get(k) is None for k in fmt.cell_keys if table_of(k) == table)
        if whole:
            zh_parts.append(
                f"表{table}整张表不在文档中（所需 {len(table_keys)} 个单元格均为 null）"
            )
            en_parts.append(f"table {table} is not in the document ({len(table_keys)} cells)")
        else:
            zh, en = list_labels(fmt, table_keys, limit)
            zh_parts.append(zh)
            en_parts.append(en)
    return "；".join(zh_parts), "; ".join(en_parts)
