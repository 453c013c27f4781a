"""Set-based writes for grouping 100 000 comments: one statement (PostgreSQL) or one prepared
statement run many times (SQLite and others) instead of one UPDATE per comment or per group."""

from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

from .models import Comment, CommentGroup, Disposition

CHUNK = 10_000
ROWS_PER_INSERT = 300  # several columns a row: stays under SQLite's 999 parameters on old versions


def create_groups(document, count: int) -> list[int]:
    """``count`` new empty groups of ``document``; their ids (in no particular order: groups are
    interchangeable until comments are put in them). Multi-row INSERT … RETURNING without building
    model instances, which costs more than the insert itself for 20 000 groups."""
    fields = [f for f in CommentGroup._meta.concrete_fields if not f.primary_key]
    given = {"document_id": document.pk, "created_at": timezone.now()}
    row = [f.get_db_prep_save(given.get(f.attname, f.get_default()), connection) for f in fields]
    table = connection.ops.quote_name(CommentGroup._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, count, ROWS_PER_INSERT):
            n = min(ROWS_PER_INSERT, count - start)
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * n)} RETURNING id",  # noqa: S608
                           row * n)
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


def assign_groups(comment_ids: Sequence[int], group_ids: Sequence[int]) -> None:
    """Set ``group_id = group_ids[i]`` on comment ``comment_ids[i]`` in one pass over the rows, but only
    where the comment is not in an answered group: one dispositioned meanwhile keeps that answer."""
    if not comment_ids:
        return
    q = connection.ops.quote_name
    table = q(Comment._meta.db_table)
    unanswered = (f"(c.group_id IS NULL OR NOT EXISTS (SELECT 1 FROM {q(Disposition._meta.db_table)} d "  # noqa: S608  names from model meta
                  "WHERE d.group_id = c.group_id))")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two arrays joined by position: the server updates a whole chunk in one statement.
            sql = (f"UPDATE {table} AS c SET group_id = v.g "  # noqa: S608  names from model meta
                   f"FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, g) WHERE c.id = v.id AND {unanswered}")
            for start in range(0, len(comment_ids), 5 * CHUNK):
                end = start + 5 * CHUNK
                cursor.execute(sql, [list(comment_ids[start:end]), list(group_ids[start:end])])
            return
        sql = f"UPDATE {table} AS c SET group_id = %s WHERE c.id = %s AND {unanswered}"  # noqa: S608  names from meta
        for start in range(0, len(comment_ids), CHUNK):
            end = start + CHUNK
            cursor.executemany(sql, list(zip(group_ids[start:end], comment_ids[start:end], strict=True)))


def refresh_statistics() -> None:
    """After a grouping wrote thousands of rows: fresh planner statistics now, not at the next
    autovacuum. With the group table still counted as nearly empty, PostgreSQL joined the public
    page's comments to the groups by nested loops over every pair (minutes for 100 000 comments)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (CommentGroup, Comment))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
