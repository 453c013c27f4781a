"""What the staff inbox's search box means, on PostgreSQL and on SQLite (embedded mode).

- Several words: every one of them must appear, in any order, as whole words («دیر» does not find «مدیر»).
- Text in double quotes ("…" or «…»): that exact sequence of words. A word typed with a half-space or
  punctuation inside (سهام‌داران, a@b.ir) is kept together the same way.
- A query of digits only (spaces and dashes allowed: a mobile, a tracking code, or part of one) and any
  all-digit word in a longer query: found anywhere inside the text, as before; digits are selective and
  the trigram index (desk migration 0002) answers them.
Everything is folded with ``core.text.search_key`` first, as ``Case.search_text`` is, so ي/ی, ك/ک and
Persian, Arabic and Latin digits are the same.

On PostgreSQL words and phrases are a tsquery (``plainto_tsquery``/``phraseto_tsquery`` on the 'simple'
configuration, built by django.contrib.postgres) against ``desk_case.search_vector``, a stored generated
column with a GIN index (desk migration 0004, which says why). Elsewhere they are LIKE on the text
padded with spaces, which has the same whole-word meaning.

When every word of the query is frequent (in ≥ FREQUENT_SHARE of the cases by the column's statistics),
the match is written as the function ``ts_match_vq`` instead of the ``@@`` operator: same result, but
the planner cannot answer it with the GIN index. Reading the posting lists of three words each in a third
of 5 M cases costs PostgreSQL ≈ 300 ms before the first row, and its cost model (the average posting list
of an index that also holds every tracking code and mobile) thinks it nearly free, so it picked that
plan for the capped count and ANDed it with the unit's 1 M-row index. Reading the cases themselves (newest
first for the page, in table order for the count) with the match as a filter meets one every few rows
and stops at the limit (bench/README.md has the plans and figures).
"""

import re
import time
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from mosharekat.core.text import only_digits, search_key

from .models import Case

# An opening quote up to its closing one (or the end of the query, if the user forgot to close it).
_QUOTED = re.compile(r'"([^"]*)"?|«([^»]*)»?')
# Digits and the spaces search_key leaves of the dashes and spaces people type inside codes and mobiles.
_NUMBER_ONLY = re.compile(r"[0-9 ]+")
_DIGITS = re.compile(r"[0-9]+")
# The generated column on desk_case (PostgreSQL only, migration 0004); the model does not know it.
VECTOR_COLUMN = "search_vector"
CONFIG = "simple"
FREQUENT_SHARE = 0.1
# The column's statistics change only with ANALYZE (autovacuum, after many changes): read them at most
# every few minutes per process.
STATS_MAX_AGE = 600
_shares_cache = {}


@dataclass
class Terms:
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


def parse(text: str) -> Terms:
    """Split what staff typed into folded words, phrases and digit strings."""
    terms = Terms()
    text = text or ""
    if _NUMBER_ONLY.fullmatch(search_key(text) or "x"):
        terms.numbers.append(only_digits(text))
        return terms
    for match in _QUOTED.finditer(text):
        _add_phrase(terms, search_key(match.group(1) or match.group(2) or ""))
    loose = _QUOTED.sub(" ", text).split()
    for token in loose:
        key = search_key(token)
        if not key:
            continue
        if _DIGITS.fullmatch(key):
            terms.numbers.append(key)
        elif " " in key:
            _add_phrase(terms, key)
        elif key not in terms.words:
            terms.words.append(key)
    return terms


def _add_phrase(terms, key):
    if not key:
        return
    if " " not in key:  # a quoted single word is just a word
        if key not in terms.words:
            terms.words.append(key)
    elif key not in terms.phrases:
        terms.phrases.append(key)


def filter_cases(qs, text: str):
    """``qs`` narrowed to the cases matching the search box ``text`` (unchanged for an empty search)."""
    terms = parse(text)
    for number in terms.numbers:
        qs = qs.filter(search_text__contains=number)
    if not (terms.words or terms.phrases):
        return qs
    if connections[qs.db].vendor == "postgresql":
        vector, query = _vector(qs.model), _tsquery(terms)
        words = [word for item in [*terms.words, *terms.phrases] for word in item.split()]
        shares = word_shares(qs.db)
        if all(shares.get(word, 0) >= FREQUENT_SHARE for word in words):
            return qs.filter(Func(vector, query, function="ts_match_vq", output_field=BooleanField()))
        return qs.alias(_search_vector=vector).filter(_search_vector=query)
    qs = qs.alias(_search_padded=Concat(Value(" "), F("search_text"), Value(" "), output_field=TextField()))
    for needle in [*terms.words, *terms.phrases]:
        qs = qs.filter(_search_padded__contains=f" {needle} ")
    return qs


def _vector(model):
    from django.contrib.postgres.search import SearchVectorField

    # A column the model does not declare (it exists on PostgreSQL only), so it is named here; the
    # inbox queries have desk_case as their base table, unaliased.
    column = f'"{model._meta.db_table}"."{VECTOR_COLUMN}"'
    return RawSQL(column, [], output_field=SearchVectorField())  # noqa: S611  constant identifiers, no input


def _tsquery(terms):
    from django.contrib.postgres.search import SearchQuery

    parts = []
    if terms.words:
        parts.append(SearchQuery(" ".join(terms.words), config=CONFIG, search_type="plain"))
    parts.extend(SearchQuery(phrase, config=CONFIG, search_type="phrase") for phrase in terms.phrases)
    query = parts[0]
    for part in parts[1:]:
        query &= part
    return query


def word_shares(using) -> dict[str, float]:
    """Share of cases holding each frequent word, from PostgreSQL's statistics of the vector column
    (``most_common_elems``; words under a few per cent are not listed and count as rare)."""
    now = time.monotonic()
    cached = _shares_cache.get(using)
    if cached and now - cached[0] < STATS_MAX_AGE:
        return cached[1]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [Case._meta.db_table, VECTOR_COLUMN],
        )
        row = cursor.fetchone()
    # The frequencies are followed by three summary figures; zip stops at the last word.
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _shares_cache[using] = (now, shares)
    return shares
