import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.orgs.models import Organ, OrganKind, Role
from gongkai.orgs.selectors import (
    organ_ids_for,
    organ_path_to_root,
    organ_subtree_ids,
    organ_tree,
)
from gongkai.orgs.tests.factories import county, grant, make_organ, make_user

pytestmark = pytest.mark.django_db


def test_the_subtree_is_the_organ_and_everything_below_it():
    tree = county()
    assert organ_subtree_ids(tree.education.pk) == {tree.education.pk, tree.school_office.pk}
    everything = organ_subtree_ids(tree.government.pk)
    assert tree.school_office.pk in everything and tree.ecology.pk in everything
    assert tree.other_county.pk not in everything


def test_the_path_runs_from_the_organ_to_the_root():
    tree = county()
    path = organ_path_to_root(tree.school_office)
    assert [o.pk for o in path] == [tree.school_office.pk, tree.education.pk, tree.government.pk]
    assert organ_path_to_root(tree.government) == [tree.government]


def test_a_deep_subtree_and_path_cost_one_query_each():
    parent = None
    chain = []
    for depth in range(12):
        parent = make_organ(name=f"第{depth}级", parent=parent, kind=OrganKind.OTHER)
        chain.append(parent)
    with CaptureQueriesContext(connection) as ctx:
        assert len(organ_subtree_ids(chain[0].pk)) == 12
    assert len(ctx.captured_queries) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert len(organ_path_to_root(chain[-1])) == 12
    assert len(ctx.captured_queries) == 2  # the ids, then the rows


def test_a_cycle_in_corrupted_data_does_not_loop_forever():
    a = make_organ(name="甲")
    b = make_organ(name="乙", parent=a)
    Organ.objects.filter(pk=a.pk).update(parent=b)  # bypassing the services on purpose
    assert organ_subtree_ids(a.pk) == {a.pk, b.pk}
    assert [o.pk for o in organ_path_to_root(Organ.objects.get(pk=a.pk))] == [a.pk, b.pk]


def test_an_office_admin_acts_on_the_subtree_and_others_on_their_own_organ():
    tree = county()
    admin = make_user("admin1")
    grant(admin, tree.education, Role.OFFICE_ADMIN)
    handler = make_user("h1")
    grant(handler, tree.education, Role.HANDLER)
    grant(handler, tree.civil_affairs, Role.HANDLER)  # one person, several organs
    assert organ_ids_for(admin, [Role.OFFICE_ADMIN]) == {tree.education.pk, tree.school_office.pk}
    assert organ_ids_for(handler, [Role.HANDLER]) == {tree.education.pk, tree.civil_affairs.pk}
    assert organ_ids_for(handler, [Role.APPROVER]) == set()


def test_the_tree_lists_organs_depth_first_with_depths():
    tree = county()
    rows = [(r.organ.pk, r.depth) for r in organ_tree([tree.government.pk])]
    assert rows[0] == (tree.government.pk, 0)
    assert (tree.school_office.pk, 2) in rows
    position = {pk: i for i, (pk, _) in enumerate(rows)}
    assert position[tree.education.pk] < position[tree.school_office.pk]
