from gongkai.publications.tests.conftest import (  # noqa: F401
    calendar,
    department,
    editor,
    office_admin,
    organ,
    publish_many,
    reviewer,
    stranger,
)
