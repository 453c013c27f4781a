import pytest
from django.core.exceptions import ValidationError

from mosharekat.core.validators import clean_mobile, clean_national_id, national_id_is_valid


@pytest.mark.parametrize("code", ["0499370899", "0010350829", "4608968882"])
def test_valid_national_ids(code):
    assert national_id_is_valid(code)


@pytest.mark.parametrize("code", ["0499370898", "1111111111", "123", "0010350828"])
def test_invalid_national_ids(code):
    assert not national_id_is_valid(code)


def test_national_id_accepts_persian_digits_and_separators():
    assert clean_national_id("۰۰۱-۰۳۵۰۸۲۹") == "0010350829"


def test_national_id_with_wrong_check_digit_gets_a_message():
    with pytest.raises(ValidationError):
        clean_national_id("0010350828")


@pytest.mark.parametrize(
    "raw", ["09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "+98 912 123 4567", "0098-912-123-4567", "9121234567", "٠٩١٢١٢٣٤٥٦٧"]
)
def test_mobile_forms_normalise_to_one_number(raw):
    assert clean_mobile(raw) == "09121234567"


@pytest.mark.parametrize("raw", ["0212345678", "0912123456", "abc", "08121234567"])
def test_bad_mobiles_are_refused(raw):
    with pytest.raises(ValidationError):
        clean_mobile(raw)
