"""Chinese full-text search: two-character words, phrases, 文号, 索引号, filters, ranking,
highlighting, withdrawn items, and queries of any length or characters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.publications import tokens as tk
from gongkai.publications.models import Publication, Topic
from gongkai.publications.selectors import search_publications
from gongkai.publications.services import publication_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(organ, department, publish_many):
    edu = Topic.objects.get(code="1001")
    aid = Topic.objects.get(code="1601")
    ids = publish_many([
        {"title": "关于做好2021年义务教育招生工作的通知", "body": "<p>全县中小学招生按学区划分。</p>",
         "document_number": "遂政〔2021〕15号", "topic": "1001", "category": "documents"},
        {"title": "城乡低保标准调整公告", "body": "<p>自2021年7月起，城乡居民最低生活保障（低保）标准提高。</p>",
         "topic": "1601", "published_on": date(2021, 6, 30)},
        {"title": "县政府常务会议召开", "body": "<p>会议研究了教育、卫生和低保工作。</p>",
         "published_on": date(2020, 5, 6), "validity": "repealed"},
        {"title": "春季植树活动", "body": "<p>全县干部群众参加义务植树。</p>"},
    ])  # fmt: skip
    dept_ids = publish_many(
        [{"title": "教育局2021年工作要点", "body": "<p>推进教育均衡发展。</p>", "topic": "1001"}],
        organ=department,
    )
    return {"ids": ids + dept_ids, "edu": edu, "aid": aid}


def _titles(**kw):
    return [h.item.title for h in search_publications(**kw).hits]


def test_two_character_words_are_found(corpus):
    assert set(_titles(q="教育")) == {
        "关于做好2021年义务教育招生工作的通知", "县政府常务会议召开", "教育局2021年工作要点",
    }  # fmt: skip
    assert set(_titles(q="低保")) == {"城乡低保标准调整公告", "县政府常务会议召开"}


def test_a_title_match_ranks_above_a_body_match(corpus):
    titles = _titles(q="低保")
    assert titles[0] == "城乡低保标准调整公告"


def test_terms_are_anded_and_a_phrase_must_be_adjacent(corpus):
    assert _titles(q="教育 低保") == ["县政府常务会议召开"]
    assert set(_titles(q="义务")) == {"关于做好2021年义务教育招生工作的通知", "春季植树活动"}
    assert _titles(q='"义务教育"') == ["关于做好2021年义务教育招生工作的通知"]
    assert _titles(q="义务植树") == ["春季植树活动"]
    assert _titles(q="教育植树") == []


def test_a_document_number_and_an_index_number_are_found(corpus):
    assert _titles(q="遂政〔2021〕15号") == ["关于做好2021年义务教育招生工作的通知"]
    assert _titles(q="遂政[2021]15号") == ["关于做好2021年义务教育招生工作的通知"]
    item = Publication.objects.get(pk=corpus["ids"][3])
    assert _titles(q=item.index_number) == ["春季植树活动"]


def test_a_withdrawn_item_is_not_found(corpus, reviewer):
    item = Publication.objects.get(pk=corpus["ids"][3])
    publication_withdraw(actor=reviewer, publication=item, reason="重复")
    assert _titles(q="植树") == []
    assert _titles(q=item.index_number) == []


def test_filters_by_organ_topic_year_and_validity(corpus, department):
    assert _titles(q="教育", organ_ids=[department.pk]) == ["教育局2021年工作要点"]
    assert set(_titles(q="教育", topic_id=corpus["edu"].parent_id)) == {
        "关于做好2021年义务教育招生工作的通知", "教育局2021年工作要点",
    }  # fmt: skip
    assert _titles(q="教育", year=2020) == ["县政府常务会议召开"]
    assert _titles(q="低保", validity="repealed") == ["县政府常务会议召开"]


def test_snippets_and_titles_are_highlighted_and_escaped(corpus, publish_many):
    result = search_publications(q="低保")
    hit = result.hits[0]
    assert str(hit.title) == "城乡<mark>低保</mark>标准调整公告"
    assert "<mark>低保</mark>" in str(hit.snippet)
    publish_many([{"title": "<b>低保</b>&amp;", "body": "<p>&lt;script&gt;低保</p>"}])
    hit = next(h for h in search_publications(q="低保").hits if "script" in str(h.snippet))
    assert "<script>" not in str(hit.snippet) and "&lt;script&gt;" in str(hit.snippet)
    assert str(hit.title) == "&lt;b&gt;<mark>低保</mark>&lt;/b&gt;&amp;amp;"


def test_paging_and_totals(organ, publish_many):
    publish_many(
        [{"title": f"教育通知{i}", "published_on": date(2021, 1, 1 + i)} for i in range(25)]
    )
    first = search_publications(q="教育", limit=10)
    third = search_publications(q="教育", limit=10, offset=20)
    assert first.total == 25 and len(first.hits) == 10 and len(third.hits) == 5
    seen = {h.item.pk for h in first.hits} | {h.item.pk for h in third.hits}
    assert len(seen) == 15


def test_a_single_character_matches_words_starting_with_it(corpus):
    assert "春季植树活动" in _titles(q="植")


@pytest.mark.parametrize(
    "q", ["", "   ", '"', 'a" OR "b', "NEAR(a b)", "教育*", "^教育", "-低保", "'; DROP TABLE x; --",
          "x" * 10_000, "教" * 5000, "\x00\x01", "😀😀", "AND OR NOT", "a:b", "(((", "教育 OR 低保", "{col}:x"],
)  # fmt: skip
def test_any_query_answers_safely(corpus, q):
    result = search_publications(q=q)
    assert result.total >= 0


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_fuzzed_queries_never_fail(db, q):
    result = search_publications(q=q)
    assert len(result.hits) <= 20


def test_tokens_are_cjk_bigrams_and_ascii_words():
    assert tk.tokens("义务教育 ２０２１年IPv6") == ["义务", "务教", "教育", "2021", "年", "ipv6"]
    q = tk.parse_query('低保 "遂政〔2021〕15号" x' + "y" * 500)
    assert [g.tokens for g in q.groups][:2] == [("低保",), ("遂政", "2021", "15", "号")]
    # The query is cut at MAX_QUERY_CHARS characters before it is looked at.
    assert q.groups[2].tokens == ("x" + "y" * (tk.MAX_QUERY_CHARS - 18),)


def test_reindex_rebuilds_the_index_from_published_items(corpus, reviewer):
    from io import StringIO

    from django.core.management import call_command

    from gongkai.publications import search as backend

    backend.clear_index()
    assert _titles(q="低保") == []
    publication_withdraw(
        actor=reviewer, publication=Publication.objects.get(pk=corpus["ids"][1]), reason="x"
    )
    out = StringIO()
    call_command("reindex_publications", stdout=out)
    assert "已索引 4 条信息" in out.getvalue()
    assert _titles(q="低保") == ["县政府常务会议召开"]
