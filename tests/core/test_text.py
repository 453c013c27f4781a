import pytest

from mosharekat.core.text import clean_text, contains_phrase, latin_digits, persian_digits, search_key


def test_persian_arabic_and_latin_digits_are_the_same_number():
    assert latin_digits("۱۲۳") == latin_digits("١٢٣") == "123"
    assert persian_digits("0912") == "۰۹۱۲"


def test_arabic_letters_are_stored_as_persian():
    assert clean_text(" علي كريمي ") == "علی کریمی"


def test_search_key_folds_letters_digits_marks_and_zwnj():
    # Arabic yeh/kaf, diacritics, tatweel, ZWNJ and Arabic-Indic digits all fold together.
    assert search_key("مـيخواهم كِتاب ١٢") == "میخواهم کتاب 12"
    assert search_key("می\u200cخواهم") == search_key("می خواهم")
    assert search_key("سهام عدالت") == search_key("سهام  عدالتٌ")


def test_control_characters_are_dropped_but_newlines_kept():
    assert clean_text("سلام\u0000\nخوبی") == "سلام\nخوبی"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("سود سهام عدالت واریز نشد", "سهام عدالت", True),
        ("سود سهام عدالت واریز نشد", "سهام  عدالت", True),
        ("مدیر اداره", "دیر", False),
        ("درخواست", "", False),
    ],
)
def test_phrase_matches_whole_words_only(text, phrase, expected):
    assert contains_phrase(search_key(text), phrase) is expected


def test_every_variant_letter_and_digit_folds_wherever_it_stands():
    """Each Arabic letter and Persian/Arabic digit is replaced in any position and repetition; the rest
    of the text (Persian, Latin, punctuation, ZWNJ) is left as it was."""
    import random

    variants = {"ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
                **dict(zip("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789", strict=True))}
    others = "سلام دنیا abc XYZ 789 -_[]^\\ ، ؟ \u200c"
    rng = random.Random(9)
    for _ in range(500):
        text = "".join(rng.choice([*variants, *others]) for _ in range(rng.randint(1, 30)))
        assert search_key(text) == search_key("".join(variants.get(char, char) for char in text))
        assert latin_digits(text) == "".join(variants.get(char, char) if char.isdigit() else char for char in text)
        stored = "".join({"ي": "ی", "ى": "ی", "ك": "ک"}.get(char, char) for char in text)
        assert clean_text(text) == stored.strip()
