"""Indexes for the staff inbox with millions of cases (bench/inbox.py prints their query plans).

Search is ``search_text LIKE '%…%'`` (services/staff_views.filter_inbox): on PostgreSQL a pg_trgm GIN
index answers it; other databases (SQLite in the embedded mode) have no such index and scan.
"""

from django.conf import settings
from django.db import migrations, models


TRGM_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS desk_case_search_trgm ON desk_case USING gin (search_text gin_trgm_ops)",
]


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in TRGM_SQL:
            schema_editor.execute(sql)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS desk_case_search_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_topic_hotlines'),
        ('core', '0001_initial'),
        ('desk', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('merged_into__isnull', True)), fields=['-created_at', '-id'], name='case_inbox_all'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('merged_into__isnull', True)), fields=['unit', '-created_at', '-id'], name='case_inbox_unit'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('merged_into__isnull', True)), fields=['unit', 'status'], name='case_unit_status_live'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('merged_into__isnull', True), ('status__in', ('new', 'in_progress'))), fields=['unit', 'due_date', 'id'], name='case_open_due'),
        ),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
