import math

from mosharekat.core.text import persian_digits
from mosharekat.desk import tracking


def test_codes_are_digits_with_enough_randomness():
    code = tracking.new_code(anonymous=False)
    assert code.isdigit() and len(code) == 14
    assert tracking.IDENTIFIED_RANDOM_DIGITS * math.log2(10) >= 40
    assert tracking.ANONYMOUS_RANDOM_DIGITS * math.log2(10) >= 60
    assert len(tracking.new_code(anonymous=True)) > len(code)
    assert len({tracking.new_code(anonymous=False) for _ in range(1000)}) == 1000


def test_every_single_wrong_digit_is_caught():
    code = tracking.new_code(anonymous=False)
    for i, digit in enumerate(code):
        for other in "0123456789":
            if other != digit:
                assert tracking.parse(code[:i] + other + code[i + 1 :]) is None


def test_every_swap_of_neighbouring_digits_is_caught():
    for _ in range(50):
        code = tracking.new_code(anonymous=True)
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert tracking.parse(swapped) is None


def test_code_is_accepted_with_persian_digits_spaces_and_dashes():
    code = tracking.new_code(anonymous=False)
    typed = persian_digits(code[:4]) + " - " + code[4:8] + "-" + "".join(chr(0x0660 + int(c)) for c in code[8:])
    assert tracking.parse(typed) == code


def test_garbage_is_not_a_code():
    assert tracking.parse("") is None
    assert tracking.parse("abc") is None
    assert tracking.parse("1" * 200) is None
