"""Tracking codes: random digits plus a Damm check digit.

The Damm check (python-stdnum) catches every single wrong digit and every swap of neighbouring
digits, so a mistyped code is told apart from a wrong one before the database is asked.
13 random digits give 43 bits for identified submitters, who also need their mobile or e-mail;
anonymous submitters get 19 (63 bits) because the code alone opens their case.
"""

import re
import secrets

from stdnum import damm

from mosharekat.core.text import latin_digits

IDENTIFIED_RANDOM_DIGITS = 13
ANONYMOUS_RANDOM_DIGITS = 19
VALID_LENGTHS = (IDENTIFIED_RANDOM_DIGITS + 1, ANONYMOUS_RANDOM_DIGITS + 1)


def new_code(anonymous: bool) -> str:
    width = ANONYMOUS_RANDOM_DIGITS if anonymous else IDENTIFIED_RANDOM_DIGITS
    body = f"{secrets.randbelow(10**width):0{width}d}"
    return body + damm.calc_check_digit(body)


def parse(value: str) -> str | None:
    """The code as stored, from what a person typed (Persian/Arabic digits, spaces, dashes), or None."""
    text = re.sub(r"[\s\-_.\u200c/]", "", latin_digits(value or ""))
    if not text.isdigit() or len(text) not in VALID_LENGTHS:
        return None
    return text if damm.is_valid(text) else None


def is_anonymous_code(code: str) -> bool:
    return len(code) == ANONYMOUS_RANDOM_DIGITS + 1
