"""Typed readers for settings that come from the environment.

Each helper refuses a value it cannot read with an `ImproperlyConfigured` that names the
variable and what it expected, so a typo in deployment stops the start-up instead of
silently falling back to a default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"环境变量 {name} 应为 true/false，实际为 {raw!r}。 / {name} must be true or false, got {raw!r}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"环境变量 {name} 应为整数，实际为 {raw!r}。 / {name} must be an integer, got {raw!r}."
        ) from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(
            f"环境变量 {name} 不能小于 {minimum}。 / {name} must be at least {minimum}, got {value}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    path = Path(raw).expanduser() if raw else default
    if not path.is_absolute():
        path = path.resolve()
    return path


@dataclass(frozen=True)
class DatabaseURL:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None


def parse_database_url(url: str) -> DatabaseURL:
    """Read `sqlite:///absolute/path.sqlite3` or `postgres://user:pass@host:port/name`."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        # `sqlite:///abs/path` (the contract) and `sqlite:////abs/path` (SQLAlchemy's spelling)
        # both mean /abs/path.
        path = "/" + unquote(parsed.path).lstrip("/") if parsed.path else ""
        if not path or path == "/":
            raise ImproperlyConfigured(
                "DATABASE_URL 中缺少 SQLite 文件路径（应为 sqlite:///绝对路径）。"
                " / DATABASE_URL has no SQLite path (expected sqlite:///absolute/path)."
            )
        return DatabaseURL(engine="django.db.backends.sqlite3", name=path)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                "DATABASE_URL 中缺少数据库名。 / DATABASE_URL names no database."
            )
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return DatabaseURL(
            engine="django.db.backends.postgresql",
            name=name,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            host=parsed.hostname or "",
            port=str(parsed.port or ""),
            options=query or None,
        )
    raise ImproperlyConfigured(
        f"DATABASE_URL 的协议 {scheme!r} 不受支持（支持 sqlite、postgres）。"
        f" / DATABASE_URL scheme {scheme!r} is not supported (use sqlite or postgres)."
    )


def database_settings(url: str | None, default_sqlite: Path) -> dict[str, Any]:
    """Django DATABASES['default'] for a URL, or the default SQLite file."""
    db = (
        parse_database_url(url)
        if url
        else DatabaseURL(engine="django.db.backends.sqlite3", name=str(default_sqlite))
    )
    if db.engine.endswith("sqlite3"):
        return {
            "ENGINE": db.engine,
            "NAME": db.name,
            "OPTIONS": {
                # WAL lets readers run while one writer commits; IMMEDIATE transactions take
                # the write lock up front so two writers queue instead of failing mid-way.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": None},
        }
    settings: dict[str, Any] = {
        "ENGINE": db.engine,
        "NAME": db.name,
        "USER": db.user,
        "PASSWORD": db.password,
        "HOST": db.host,
        "PORT": db.port,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(db.options or {}),
    }
    return settings
