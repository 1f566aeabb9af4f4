"""Full-text structures for library search: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def install(apps, schema_editor):
    from ctassist.core.search import ddl

    ddl.install(schema_editor, table="library_searchdocument", prefix="library_search")


def remove(apps, schema_editor):
    from ctassist.core.search import ddl

    ddl.remove(schema_editor, table="library_searchdocument", prefix="library_search")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
