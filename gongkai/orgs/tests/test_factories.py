import pytest

from gongkai.orgs import permissions
from gongkai.orgs.tests.factories import PASSWORD, county, persona_users
from gongkai.workdays.tests.factories import load_years, package_calendar


@pytest.mark.django_db
def test_the_personas_hold_the_roles_their_names_say(client):
    tree = county()
    people = persona_users(tree)
    assert permissions.can_handle_cases_of(people.handler, tree.education)
    assert permissions.can_view_cases_of(people.office_admin, tree.school_office)
    assert not permissions.can_view_cases_of(people.stranger, tree.education)
    assert permissions.is_sysadmin(people.sysadmin)
    assert tree.ecology.outside_system
    assert people.handler.check_password(PASSWORD)


@pytest.mark.django_db
def test_the_county_can_be_built_twice():
    assert county().government.pk == county().government.pk


@pytest.mark.django_db
def test_calendar_years_load_quickly_for_tests():
    from gongkai.workdays.selectors import work_calendar

    load_years(2025, 2026)
    load_years(2026)
    assert work_calendar() == package_calendar(2025, 2026)
