"""POST /api/v1/applications (idempotent) and GET /api/v1/applications/{query_code}."""

from __future__ import annotations

import json

import pytest

from gongkai.applications.models import Application
from gongkai.applications.tests.helpers import VALID_ID

pytestmark = pytest.mark.django_db


def payload(organ, **kw):
    body = {
        "organ_id": organ.pk,
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800001234",
        "email": "zhang@example.cn",
        "description": "2025年县城区学校学区划分方案",
    }
    body.update(kw)
    return json.dumps(body)


def post(client, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/applications", body, content_type="application/json", **headers)


def test_it_returns_the_query_code_and_the_dates(client, cal, county):
    r = post(client, payload(county["edu"]), key="abc")
    assert r.status_code == 201
    data = r.json()
    app = Application.objects.get()
    assert data["query_code"] == app.query_code
    assert data["received_on"] == app.received_on.isoformat()
    assert app.due_on is not None and data["due_on"] == app.due_on.isoformat()


def test_the_same_idempotency_key_creates_one_application(client, cal, county):
    first = post(client, payload(county["edu"]), key="k-1")
    second = post(client, payload(county["edu"]), key="k-1")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["query_code"] == second.json()["query_code"]
    assert Application.objects.count() == 1
    assert post(client, payload(county["edu"]), key="k-2").status_code == 201


def test_bad_fields_are_listed_in_chinese(client, cal, county):
    r = post(client, payload(county["edu"], id_number="123", phone="", description="x"))
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert "18 位" in fields["id_number"] and "联系电话" in fields["phone"]
    assert "description" in fields
    assert Application.objects.count() == 0


def test_an_unknown_organ_is_404(client, cal, county):
    assert post(client, payload(county["edu"], organ_id=99999)).status_code == 404


def test_the_lookup_needs_the_phone_suffix(client, cal, county):
    code = post(client, payload(county["edu"])).json()["query_code"]
    assert client.get(f"/api/v1/applications/{code}?phone_last4=0000").status_code == 404
    r = client.get(f"/api/v1/applications/{code}?phone_last4=1234")
    assert r.status_code == 200
    assert r.json()["status"] == "registered" and r.json()["steps"][0]["label"] == "收到申请"


def test_the_openapi_document_describes_both_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/applications"]
    assert "get" in paths["/api/v1/applications/{query_code}"]
    params = [p["name"] for p in paths["/api/v1/applications"]["post"]["parameters"]]
    assert "Idempotency-Key" in params


def test_missing_fields_and_a_bad_organ_id_are_answered_in_chinese(client, cal, county):
    r = post(client, json.dumps({"organ_id": county["edu"].pk}))
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert {"applicant_type", "name", "phone", "description"} <= set(fields)
    r = post(client, json.dumps({"organ_id": "教育局"}))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "organ_id"
