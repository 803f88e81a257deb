"""Check digit of the 居民身份证号码 (GB 11643-1999): 17 digits + a check character,
ISO 7064 MOD 11-2. (The unified social credit code lives in gongkai.orgs.validators.)

`resident_id_error` returns an error message pair (Chinese, English) or None, so forms, the API
and importers word their refusal the same way.
"""

from __future__ import annotations

from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_error(value: str) -> tuple[str, str] | None:
    """None when `value` is a well-formed 18-digit 居民身份证号码 with a valid check character."""
    value = value.strip().upper()
    if len(value) != 18:
        return ("居民身份证号码应为 18 位。", "A resident ID number has 18 characters.")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return (
            "居民身份证号码前 17 位应为数字，末位为数字或 X。",
            "The first 17 characters must be digits; the last a digit or X.",
        )
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return (
            "居民身份证号码中的出生日期无效。",
            "The date of birth in the ID number is invalid.",
        )
    if resident_id_check_char(value[:17]) != value[17]:
        return (
            "居民身份证号码校验位不正确，请核对后重新填写。",
            "The check character of the resident ID number is wrong.",
        )
    return None


def is_valid_resident_id(value: str) -> bool:
    return resident_id_error(value) is None
