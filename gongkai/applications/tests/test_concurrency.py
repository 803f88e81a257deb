"""Double submits racing each other: 50 applicants each submitting twice at the same moment
produce 50 applications, not 100. Real threads, each with its own database connection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from gongkai.applications.tests.race import race

APPLICANTS = 50


# Flush only what the race touches (another app's raw-SQL tables need not be truncated).
@pytest.mark.django_db(
    transaction=True,
    available_apps=[
        "django.contrib.auth", "django.contrib.contenttypes", "gongkai.orgs",
        "gongkai.workdays", "gongkai.applications",
    ],
)  # fmt: skip
def test_fifty_concurrent_double_submits_make_fifty_applications(tmp_path: Path):
    if connection.vendor == "sqlite":
        # The in-memory test database cannot be shared by threads: race on a fresh file
        # database with the project's SQLite settings (WAL, IMMEDIATE transactions).
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
               "GONGKAI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-m", "gongkai.applications.tests.race"],
            env=env, capture_output=True, text=True, timeout=300,
            cwd=Path(__file__).resolve().parents[3],
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-3000:]
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    else:
        result = race(APPLICANTS, workers=30)
    assert result["errors"] == []
    assert result["count"] == APPLICANTS
    assert result["pairs_agree"] is True
    assert result["distinct"] == APPLICANTS
