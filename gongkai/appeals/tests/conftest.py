from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.orgs.models import Membership, Organ, OrganKind, Role


@pytest.fixture
def county(db):
    gov = Organ.objects.create(
        name="遂平县人民政府", short_name="县政府", kind=OrganKind.PEOPLES_GOVERNMENT
    )
    office = Organ.objects.create(
        name="遂平县人民政府办公室",
        short_name="县政府办公室",
        kind=OrganKind.DEPARTMENT,
        parent=gov,
    )
    finance = Organ.objects.create(
        name="遂平县财政局", short_name="县财政局", kind=OrganKind.DEPARTMENT, parent=gov
    )
    return {"gov": gov, "office": office, "finance": finance}


def make_user(username: str, organ: Organ, role: Role):
    user = get_user_model().objects.create_user(username=username, password="pw-123456789")
    Membership.objects.create(user=user, organ=organ, role=role)
    return user


@pytest.fixture
def clerk(county):
    return make_user("clerk", county["finance"], Role.HANDLER)


@pytest.fixture
def office_admin(county):
    return make_user("office", county["gov"], Role.OFFICE_ADMIN)


@pytest.fixture
def stranger(county):
    return make_user("stranger", county["office"], Role.HANDLER)
