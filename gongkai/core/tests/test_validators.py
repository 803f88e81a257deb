"""居民身份证 check character (GB 11643-1999)."""

from __future__ import annotations

import pytest

from gongkai.core.validators import is_valid_resident_id, resident_id_check_char, resident_id_error


def test_it_accepts_a_valid_number_with_an_x_check_character():
    assert is_valid_resident_id("11010519491231002X")
    assert is_valid_resident_id("11010519491231002x")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("110105194912310021", "校验位"),
        ("1101051949123100", "18 位"),
        ("11010519491331002X", "出生日期"),
        ("11010519491231002Y", "数字"),
    ],
)
def test_it_refuses_a_wrong_number_saying_why(value, fragment):
    error = resident_id_error(value)
    assert error is not None and fragment in error[0]


def test_every_first_17_digits_has_exactly_one_check_character():
    first17 = "32010619800101123"
    good = first17 + resident_id_check_char(first17)
    assert is_valid_resident_id(good)
    assert sum(is_valid_resident_id(first17 + c) for c in "0123456789X") == 1
