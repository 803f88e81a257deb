from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import database_settings, env_bool, env_int, parse_database_url


def test_it_reads_booleans(monkeypatch):
    monkeypatch.setenv("GK_FLAG", "yes")
    assert env_bool("GK_FLAG", False) is True
    monkeypatch.setenv("GK_FLAG", "0")
    assert env_bool("GK_FLAG", True) is False


def test_it_refuses_a_bad_boolean_naming_the_variable(monkeypatch):
    monkeypatch.setenv("GK_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="GK_FLAG"):
        env_bool("GK_FLAG", False)


def test_it_refuses_a_bad_integer_and_one_below_the_minimum(monkeypatch):
    monkeypatch.setenv("GK_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="整数"):
        env_int("GK_N", 1)
    monkeypatch.setenv("GK_N", "3")
    with pytest.raises(ImproperlyConfigured, match="at least 8"):
        env_int("GK_N", 10, minimum=8)


def test_it_parses_sqlite_and_postgres_urls():
    assert parse_database_url("sqlite:////var/lib/gk/db.sqlite3").name == "/var/lib/gk/db.sqlite3"
    pg = parse_database_url("postgres://u:p%40ss@db.example:6543/gk?sslmode=require")
    assert (pg.user, pg.password, pg.host, pg.port, pg.name) == (
        "u",
        "p@ss",
        "db.example",
        "6543",
        "gk",
    )
    assert pg.options == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://", "postgres://host/"])
def test_it_refuses_unusable_database_urls(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url)


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: Path):
    db = database_settings(None, tmp_path / "x.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["timeout"] >= 5
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
