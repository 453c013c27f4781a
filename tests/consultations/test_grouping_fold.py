"""Grouping folds text in one pass; it must stay exactly the words of ``core.text.search_key``."""

from bench.formletters import generate
from mosharekat.consultations.grouping import words
from mosharekat.core.text import search_key

TRICKY = [
    "كتاب‌هاي   ما\u200dو ۱۲٣ 45 — «نقل قول»، پایان.",
    "مُحَمَّد\u0640\u0640 رضا؛ بند (الف) ماده ۳: ﻻ إ أ ؤ ة ۀ ى ئ!",
    "\ufeffABC def\u200e\u200f\u200c", "", "   ", "ـ", "١٢٣٤",
]


def test_fold_equals_search_key_words():
    texts, _truth, _n = generate(3000, seed=3)
    for text in TRICKY + texts:
        assert words(text) == search_key(text).split(), text
