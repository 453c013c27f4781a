"""The staff inbox's search box (desk/search.py): words in any order, quoted phrases, Persian/Arabic letter
and digit variants, parts of mobiles and codes, never another unit's case. Runs on SQLite (LIKE) and on
PostgreSQL (tsvector column + GIN, desk migration 0004) with the same expectations."""

import re

import pytest
from django.urls import reverse

from mosharekat.desk import search, services
from mosharekat.desk.models import Case
from tests.factories import PASSWORD

CASE_LINK = re.compile(r'href="/staff/cases/(\d+)/"')


@pytest.fixture
def inbox(client, staff_a):
    client.login(username="staff_a", password=PASSWORD)

    def found(q):
        """The cases the inbox lists for the search ``q``."""
        response = client.get(reverse("staff:inbox"), {"q": q})
        assert response.status_code == 200
        return {int(pk) for pk in CASE_LINK.findall(response.content.decode())}

    return found


@pytest.fixture
def case_a(make_case, service_a):
    def factory(subject, body="متن درخواست.", **kwargs):
        return make_case(service=service_a, subject=subject, body=body, **kwargs).pk

    return factory


def test_several_words_must_all_appear_in_any_order(inbox, case_a):
    heir = case_a("انتقال سهام متوفی", body="وراث مدارک را فرستاده‌اند.")
    other = case_a("انتقال سهام به فرزند", body="مدارک ارسال شد.")
    assert inbox("متوفی انتقال") == {heir}
    assert inbox("مدارک سهام") == {heir, other}
    assert inbox("متوفی بانک") == set()  # one word missing is no match


def test_words_match_whole_words_not_parts_of_others(inbox, case_a):
    manager = case_a("برخورد مدیر اداره")
    assert inbox("دیر") == set()  # «دیر» is inside «مدیر» but is not the word
    assert inbox("مدیر") == {manager}


def test_quoted_text_is_an_exact_phrase(inbox, case_a):
    exact = case_a("واریز نشدن سود سهام عدالت")
    shuffled = case_a("عدالت در تقسیم سود سهام")
    assert inbox("سود سهام عدالت") == {exact, shuffled}
    assert inbox("«سود سهام عدالت»") == {exact}
    assert inbox('"سود سهام عدالت"') == {exact}
    assert inbox("«سود سهام عدالت") == {exact}  # a forgotten closing quote still means a phrase
    assert inbox("تقسیم «سود سهام»") == {shuffled}  # a word and a phrase together


def test_a_half_spaced_word_is_matched_as_written(inbox, case_a):
    holders = case_a("اعتراض سهام‌داران", body="سهام داران زیان دیده‌اند.")
    separate = case_a("سهام خانواده", body="داران کوچک‌ترین سهم را دارند.")
    assert inbox("سهام‌داران") == {holders}
    assert separate in inbox("سهام داران")


def test_arabic_and_persian_letters_and_digits_are_the_same(inbox, case_a):
    pk = case_a("مشكل یارانه كاركنان", body="در سال ۱۴۰۲ واریز نشد.", mobile="09351112233")
    assert inbox("كاركنان يارانه") == {pk}  # Arabic kaf and yeh
    assert inbox("کارکنان یارانه") == {pk}
    assert inbox("مشکل ١٤٠٢") == {pk}  # Arabic-Indic digits
    assert inbox("1402 یارانه") == {pk}
    assert inbox("۰۹۳۵۱۱۱۲۲۳۳") == {pk}  # Persian digits


def test_part_of_a_mobile_or_tracking_code_finds_the_case(inbox, case_a):
    pk = case_a("پیگیری پرونده", mobile="09127654321")
    other = case_a("پیگیری پرونده دیگر", mobile="09131112233")
    code = Case.objects.get(pk=pk).tracking_code
    assert inbox("7654321") == {pk}
    assert inbox("۷۶۵۴۳۲۱") == {pk}
    assert inbox("0912 765 4321") == {pk}  # typed with spaces
    assert inbox(code[3:10]) == {pk}
    assert inbox(f"{code[:4]}-{code[4:8]}-{code[8:]}") == {pk}  # dashes as on the receipt
    assert inbox("پیگیری 7654321") == {pk}  # a word and part of a number
    assert inbox("پیگیری") == {pk, other}


def test_a_later_citizen_message_is_searchable(inbox, case_a):
    pk = case_a("پیگیری پرونده")
    services.citizen_follow_up(Case.objects.get(pk=pk), "مدارک تکمیلی بیمه پیوست شد.")
    assert inbox("بیمه تکمیلی") == {pk}


def test_staff_never_find_another_units_case(client, inbox, case_a, staff_b, units):
    mine = case_a("شکایت از بانک عامل")
    theirs = case_a("شکایت از بانک ملی")
    Case.objects.filter(pk=theirs).update(unit=units["b"])
    assert inbox("شکایت بانک") == {mine}
    assert inbox("«بانک ملی»") == set()
    client.login(username="staff_b", password=PASSWORD)
    page = client.get(reverse("staff:inbox"), {"q": "بانک"}).content.decode()
    assert set(map(int, CASE_LINK.findall(page))) == {theirs}


def test_the_inbox_page_lists_search_results_with_the_hint(client, staff_a, case_a):
    case_a("درخواست اصلاح شناسنامه")
    case_a("پیشنهاد درباره پیامک")
    client.login(username="staff_a", password=PASSWORD)
    page = client.get(reverse("staff:inbox"), {"q": "شناسنامه"}).content.decode()
    assert "درخواست اصلاح شناسنامه" in page and "پیشنهاد درباره پیامک" not in page
    assert "۱ مورد" in page
    assert 'aria-describedby="f-q-hint"' in page and "گیومه" in page


@pytest.mark.parametrize(("typed", "words", "phrases", "numbers"), [
    ("سهام  متوفی", ["سهام", "متوفی"], [], []),
    ("«سود سهام» عدالت", ["عدالت"], ["سود سهام"], []),
    ('"سود سهام', [], ["سود سهام"], []),
    ("«عدالت»", ["عدالت"], [], []),  # a quoted single word is a word
    ("سهام‌داران", [], ["سهام داران"], []),
    ("۰۹۱۲-۱۲۳ ۴۵", [], [], ["091212345"]),
    ("پرونده ۱۲۳", ["پرونده"], [], ["123"]),
    ("  ", [], [], []),
])
def test_parse(typed, words, phrases, numbers):
    terms = search.parse(typed)
    assert (terms.words, terms.phrases, terms.numbers) == (words, phrases, numbers)


def test_frequent_words_find_the_same_cases(inbox, case_a, monkeypatch):
    """On PostgreSQL words in many cases are matched without the GIN index (search.word_shares): same answer."""
    exact = case_a("واریز نشدن سود سهام عدالت")
    shuffled = case_a("عدالت در تقسیم سود سهام")
    case_a("پیشنهاد درباره پیامک")
    monkeypatch.setattr(search, "word_shares", lambda using: {"سود": 0.3, "سهام": 0.4, "عدالت": 0.3})
    assert inbox("سود سهام عدالت") == {exact, shuffled}
    assert inbox("«سود سهام عدالت»") == {exact}
    assert inbox("عدالت تقسیم") == {shuffled}  # «تقسیم» is rare: the index form
