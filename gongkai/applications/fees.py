"""信息处理费 — 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), pure functions.

Two methods, progressive on the excess; one request uses one of them, never both (办法 Art. 3):

- per request (按件计收, 办法 Art. 4): an applicant's requests are counted per calendar month;
  the 1st–10th are free, the 11th–30th cost 100 元 each, and from the 31st each further band of
  10 raises the price by 100 元 (31st–40th 200 元, 41st–50th 300 元, …);
- per page (按量计收, 办法 Art. 5): per request, pages 1–30 free, 31–100 10 元/page, 101–200
  20 元/page, from 201 40 元/page.
"""

from __future__ import annotations

from decimal import Decimal

FREE_REQUESTS_PER_MONTH = 10
FREE_PAGES = 30


def fee_per_request(n: int) -> int:
    """元 for the applicant's n-th request (n ≥ 1) in the calendar month (办法 Art. 4)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * (2 + (n - 31) // 10)


def fee_per_request_total(count: int) -> int:
    """元 for `count` requests by one applicant in one month (worked example 1)."""
    return sum(fee_per_request(n) for n in range(1, count + 1))


def fee_per_page(pages: int) -> int:
    """元 for one request of `pages` pages (办法 Art. 5)."""
    if pages < 0:
        raise ValueError("pages must be >= 0")
    return (
        10 * max(0, min(pages, 100) - 30)
        + 20 * max(0, min(pages, 200) - 100)
        + 40 * max(0, pages - 200)
    )


def fee_amount(method: str, units: int) -> Decimal:
    """The fee for one request: `units` is the request's rank in the month (per_request) or its
    page count (per_page)."""
    if method == "per_request":
        return Decimal(fee_per_request(units))
    if method == "per_page":
        return Decimal(fee_per_page(units))
    raise ValueError(f"unknown fee method {method!r}")


def fee_basis_text(method: str, units: int) -> str:
    """How the amount was reached, for the fee notice (收费通知书)."""
    if method == "per_request":
        return (
            f"按件计收：本申请为申请人本自然月内第 {units} 件申请，按《政府信息公开信息处理费管理办法》"
            f"第四条，第 11 至 30 件每件 100 元，自第 31 件起每增加 10 件每件加收 100 元，"
            f"本件 {fee_per_request(units)} 元。"
        )
    return (
        f"按量计收：本申请共 {units} 页，按《政府信息公开信息处理费管理办法》第五条，30 页以下免费，"
        f"31 至 100 页每页 10 元，101 至 200 页每页 20 元，201 页以上每页 40 元，"
        f"合计 {fee_per_page(units)} 元。"
    )
