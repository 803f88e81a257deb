"""Personal data as shown to those who do not need it in full (lists, exports, the public)."""

from __future__ import annotations


def mask_id(value: str) -> str:
    """11010519491231002X → 110***********002X."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    """13800001234 → 138****1234; 0571-88880000 → 0571****0000."""
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if len(digits) < 8:
        return "*" * len(value)
    keep = set(digits[:3] + digits[-4:]) if len(digits) == 11 else set(digits[:4] + digits[-4:])
    return "".join(
        c if (i in keep or not c.isdigit()) else "*" for i, c in enumerate(value)
    ).replace("-*", "*")


def mask_name(value: str) -> str:
    """张三 → 张*; 欧阳小明 → 欧***. Organisation names are public and not masked."""
    if not value:
        return value
    return value[0] + "*" * max(1, len(value) - 1)


def mask_email(value: str) -> str:
    if "@" not in value:
        return value
    user, domain = value.split("@", 1)
    return (user[:1] + "***@" + domain) if user else value
