from __future__ import annotations

from gongkai.appeals.models import Appeal


def post_new(client, organ, **kw):
    data = {
        "kind": "reconsideration",
        "organ": organ.pk,
        "claimant": "王某",
        "forum": "驻马店市人民政府",
        "subject": "不服答复",
        "filed_on": "2021-06-01",
        "case_number": "驻政复〔2021〕3号",
    }
    data.update(kw)
    return client.post("/office/appeals/new/", data)


def test_a_handler_registers_and_decides_a_case_through_the_pages(client, clerk, county):
    client.force_login(clerk)
    response = post_new(client, county["finance"])
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == f"/office/appeals/{appeal.pk}/"
    page = client.get(response.url)
    assert "驻政复〔2021〕3号" in page.content.decode()
    response = client.post(
        response.url,
        {
            "action": "result",
            "lock_version": 0,
            "result": "upheld",
            "decided_on": "2021-08-01",
            "note": "",
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.result == "upheld"
    listing = client.get("/office/appeals/?year=2021").content.decode()
    assert "结果维持" in listing


def test_a_bad_date_is_shown_on_the_form_in_chinese(client, clerk, county):
    client.force_login(clerk)
    response = post_new(client, county["finance"], filed_on="2099-01-01")
    assert response.status_code == 200
    assert "晚于今天" in response.content.decode()
    assert not Appeal.objects.exists()


def test_another_department_cannot_see_the_case(client, clerk, stranger, county):
    client.force_login(clerk)
    post_new(client, county["finance"])
    appeal = Appeal.objects.get()
    client.force_login(stranger)
    assert client.get(f"/office/appeals/{appeal.pk}/").status_code == 404
    assert "驻政复" not in client.get("/office/appeals/").content.decode()


def test_a_stale_result_form_gets_a_conflict_message(client, clerk, county):
    client.force_login(clerk)
    post_new(client, county["finance"])
    appeal = Appeal.objects.get()
    url = f"/office/appeals/{appeal.pk}/"
    form = {"action": "result", "lock_version": 0, "result": "upheld", "decided_on": "2021-08-01"}
    client.post(url, form)
    page = client.post(url, {**form, "result": "corrected"}, follow=True).content.decode()
    assert "已被他人修改" in page
    appeal.refresh_from_db()
    assert appeal.result == "upheld"


def test_the_office_page_links_to_appeals(client, clerk):
    client.force_login(clerk)
    assert "/office/appeals/" in client.get("/office/").content.decode()
