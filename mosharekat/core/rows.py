"""New rows that belong together, stored as one statement on PostgreSQL.

A submission writes a case, its first events, the citizen's notification and, from the API, the key's
record. As separate statements in a transaction that was ≈9 round trips and most of a submission's cost
(bench/intake.py). On PostgreSQL they go as one INSERT with data-modifying CTEs: one round trip, atomic
without BEGIN/COMMIT. Other databases (SQLite in the embedded mode) insert them model by model in a
transaction. Neither path sends post_save (like bulk_create), and none of these models listens for it.
"""

import functools

from django.db import connections, router, transaction


def insert_together(head, linked=(), loose=(), using=None):
    """Insert ``head``, the ``linked`` rows (whose foreign key to head's model holds ``head``) and the
    ``loose`` rows (unrelated to it), all or none; every instance gets its primary key."""
    using = using or router.db_for_write(type(head), instance=head)
    connection = connections[using]
    links = [(obj, _link_to(obj, head)) for obj in linked]
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:  # a savepoint, so the caller may catch an IntegrityError and go on
            with transaction.atomic(using=using):
                _one_statement(connection, head, links, list(loose))
        else:
            _one_statement(connection, head, links, list(loose))
    else:
        with transaction.atomic(using=using):
            type(head).objects.using(using).bulk_create([head])
            for obj, field in links:
                setattr(obj, field.name, head)  # now saved: sets the column, keeps the cached instance
            for obj in [*linked, *loose]:
                type(obj).objects.using(using).bulk_create([obj])
    for obj in [head, *linked, *loose]:
        obj._state.adding, obj._state.db = False, using


def _link_to(obj, head):
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.related_model is type(head) and obj.__dict__.get(field.attname) is None \
                and field.get_cached_value(obj, None) is head:
            return field
    raise ValueError(f"{type(obj).__name__} has no foreign key set to the {type(head).__name__} being inserted")


def _prepared_cursor(connection):
    """A cursor binding parameters on the server, so psycopg prepares a statement run often (after
    ``prepare_threshold`` runs on a connection) and PostgreSQL stops parsing and planning it each time.
    Django's own cursors bind on the client (literals in the text); this one is still wrapped by Django
    (errors, query log)."""
    import psycopg

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


@functools.cache
def _insert_sql(model, link_name, quote):
    """The fields to bind and one CTE's INSERT for ``model`` (its link column filled from the head row)."""
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field and not f.generated]
    values = ", ".join('(SELECT "id" FROM "r0")' if f.name == link_name else "%s" for f in fields)
    # Identifiers come from model metadata, quoted; every value is a parameter.
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
           f'VALUES ({values}) RETURNING {quote(meta.pk.column)} AS "id"')
    return [f for f in fields if f.name != link_name], sql


def _one_statement(connection, head, links, loose):
    ctes, params = [], []
    for obj, link in [(head, None), *links, *((obj, None) for obj in loose)]:
        fields, sql = _insert_sql(type(obj), link.name if link else None, connection.ops.quote_name)
        params += [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        ctes.append(f'"r{len(ctes)}" AS ({sql})')
    selects = ", ".join(f'(SELECT "id" FROM "r{i}")' for i in range(len(ctes)))  # noqa: S608
    with _prepared_cursor(connection) as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} SELECT {selects}", params)
        ids = cursor.fetchone()
    head.pk = ids[0]
    for (obj, field), pk in zip(links, ids[1:1 + len(links)], strict=True):
        obj.pk = pk
        setattr(obj, field.name, head)
    for obj, pk in zip(loose, ids[1 + len(links):], strict=True):
        obj.pk = pk
