import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_missing_page_answers_in_chinese_inside_the_site_layout(client):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "页面不存在（404）" in body
    assert 'class="site-header"' in body
    assert "Page not found" in body


@override_settings(DEBUG=False)
def test_the_server_error_page_is_chinese_and_needs_no_context():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "系统出错（500）" in html and 'lang="zh-CN"' in html
