import pytest


@pytest.fixture
def gongkai(monkeypatch):
    """Run the `gongkai` console script in-process, inside the test's transaction.

    Django's run_from_argv closes every connection when a command ends; on PostgreSQL that
    would end the test's transaction, so the close is skipped here.
    """
    from django.db import connections

    from gongkai.cli import main

    monkeypatch.setattr(connections, "close_all", lambda: None)
    return main
