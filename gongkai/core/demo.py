"""The demo data set loaded by `gongkai demo`.

`load_demo()` is the single entry point; it must be safe to run on an empty database only
(the command refuses a database that already holds demo data unless asked to reset).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str


@dataclass
class DemoResult:
    accounts: list[DemoAccount] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def _password() -> str:
    return "gk-" + secrets.token_urlsafe(9)


def load_demo() -> DemoResult:
    from django.contrib.auth import get_user_model

    result = DemoResult()
    user_model = get_user_model()
    password = _password()
    user_model.objects.create_superuser(username="admin", password=password, email="")
    result.accounts.append(DemoAccount("admin", password, "系统管理员 / system administrator"))
    return result
