"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and upper-case letters without
I, O, Z, S, V):

    position 1      registration authority (登记管理部门代码; 1 = 机构编制, 9 = 市场监管…)
    position 2      organisation category (机构类别代码; for 机构编制: 1 = 机关, 2 = 事业单位…)
    positions 3–8   administrative division code (登记管理机关行政区划码, digits)
    positions 9–17  organisation code (主体标识码, GB 11714)
    position 18     check character (校验码), GB 32100-2015 §4.3

The check character: weight the first 17 characters by 3^(i) mod 31, sum, and take
31 − (sum mod 31), with 31 written as 0.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015 §4.3, table 1: W_i = 3^(i-1) mod 31 for i = 1…17.
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


def credit_code_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    remainder = 31 - total % 31
    return ALPHABET[0 if remainder == 31 else remainder]


def normalise_credit_code(raw: str) -> str:
    """Upper-case and strip spaces: codes are often typed in lower case or copied with blanks."""
    return "".join(raw.split()).upper()


def credit_code_problem(code: str) -> tuple[str, str] | None:
    """What is wrong with `code` as (Chinese, English), or None when it is valid."""
    if len(code) != LENGTH:
        return (
            f"统一社会信用代码应为 18 位，实际为 {len(code)} 位",
            f"a unified social credit code has 18 characters, this one has {len(code)}",
        )
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        shown = "、".join(bad)
        return (
            f"统一社会信用代码含有不允许的字符：{shown}（不使用 I、O、Z、S、V）",
            f"characters not allowed in a credit code: {', '.join(bad)} (I, O, Z, S, V are never used)",
        )
    if not code[2:8].isdigit():
        return (
            "统一社会信用代码第 3–8 位应为行政区划码（数字）",
            "positions 3–8 of a credit code are the administrative division code (digits)",
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return (
            f"统一社会信用代码校验位错误：应为 {expected}，实际为 {code[17]}",
            f"wrong check character: expected {expected}, got {code[17]}",
        )
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None


def validate_credit_code(value: str) -> None:
    """Django field validator (blank values are allowed by the field, not checked here)."""
    if not value:
        return
    problem = credit_code_problem(value)
    if problem is not None:
        zh, en = problem
        raise ValidationError(f"{zh}。 / {en}.", code="invalid_credit_code")
