from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_migrations_are_in_sync_with_models():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


@pytest.mark.django_db
def test_healthz_answers_with_the_database_vendor(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}


@pytest.mark.django_db
def test_the_home_page_is_chinese_first(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.content.decode()


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.django_db
def test_elder_mode_is_a_cookie_switch_that_works_without_javascript(client):
    response = client.post("/display-mode/", {"elder": "1", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["gk_elder"].value == "1"
    assert 'class="elder' in client.get("/").content.decode()


@pytest.mark.django_db
def test_display_mode_refuses_an_offsite_redirect(client):
    response = client.post("/display-mode/", {"elder": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"
