import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.orgs.tests.factories import make_credit_code
from gongkai.orgs.validators import (
    ALPHABET,
    credit_code_check_char,
    credit_code_problem,
    is_valid_credit_code,
    normalise_credit_code,
    validate_credit_code,
)

# Published codes: the worked example of GB 32100-2015 and two registered bodies.
KNOWN_VALID = ["91350100M000100Y43", "11100000000013127D", "91110000600037341L"]


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_it_accepts_published_codes(code):
    assert credit_code_problem(code) is None


def test_the_weights_are_powers_of_three_mod_31_as_in_the_standard():
    from gongkai.orgs.validators import WEIGHTS

    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_it_names_the_expected_check_character():
    problem = credit_code_problem("91350100M000100Y44")
    assert problem is not None
    zh, en = problem
    assert "校验位错误：应为 3，实际为 4" in zh
    assert "expected 3" in en


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("9135010", "应为 18 位，实际为 7 位"),
        ("91350100M000100YO3", "不允许的字符：O"),
        ("91350100M000I00Y43", "不允许的字符：I"),
        ("913A0100M000100Y43", "行政区划码"),
    ],
)
def test_it_explains_what_is_wrong(code, fragment):
    problem = credit_code_problem(code)
    assert problem is not None
    assert fragment in problem[0]


def test_normalising_removes_blanks_and_upper_cases():
    assert normalise_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


def test_the_django_validator_raises_a_bilingual_error_and_allows_blank():
    validate_credit_code("")
    with pytest.raises(ValidationError) as info:
        validate_credit_code("91350100M000100Y44")
    assert "校验位" in info.value.messages[0] and "check character" in info.value.messages[0]


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_any_body_with_its_check_character_is_valid(body):
    body = body[:2] + "330100" + body[8:]
    assert is_valid_credit_code(body + credit_code_check_char(body))


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.data())
def test_changing_any_one_character_is_detected(body, position, data):
    body = body[:2] + "330100" + body[8:]
    code = body + credit_code_check_char(body)
    replacement = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    if 2 <= position < 8 and not replacement.isdigit():
        replacement = str((int(code[position]) + 1) % 10)
    changed = code[:position] + replacement + code[position + 1 :]
    # Weights are units mod 31 (31 is prime): a single substitution always changes the sum.
    assert not is_valid_credit_code(changed)


def test_the_factory_makes_valid_codes():
    assert all(is_valid_credit_code(make_credit_code()) for _ in range(50))
