"""Word search for the staff inbox on PostgreSQL (desk/search.py builds the query; bench/README.md the plans).

``search_vector`` is a stored generated column, ``to_tsvector('simple', search_text)``, with a GIN index.
Stored rather than an expression index because PostgreSQL answers a frequent word («متوفی», a phrase in
every tenth subject) by walking the newest-first inbox index and testing each row until 25 match: with
a stored column the test reads the row's vector, with an expression index it re-parses every row's text
(measured on 5 M cases, bench/README.md). Phrases need word positions, which GIN does not keep: the
recheck reads them from the row too. 'simple' = no stemming or stop words: search_text is already folded
(core.text.search_key) into lower-case words separated by single spaces, and the default parser keeps
Persian words whole (ts_debug: Persian letters are 'word' tokens, a ZWNJ separates two, as search_key's
space does; digits are folded to ASCII first).

The column is unknown to the model (Django writes search_text; PostgreSQL derives the vector), so SQLite
and other databases migrate without it and search with LIKE. Adding the column rewrites desk_case under
an exclusive lock: on a large live table run this migration in a maintenance window.
"""

from django.db import migrations

FTS_SQL = [
    "ALTER TABLE desk_case ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS desk_case_search_fts ON desk_case USING gin (search_vector)",
]
FTS_DROP_SQL = [
    "DROP INDEX IF EXISTS desk_case_search_fts",
    "ALTER TABLE desk_case DROP COLUMN IF EXISTS search_vector",
]


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FTS_SQL:
            schema_editor.execute(sql)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FTS_DROP_SQL:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0003_case_submission_token'),
    ]

    operations = [
        migrations.RunPython(add_search_vector, drop_search_vector),
    ]
