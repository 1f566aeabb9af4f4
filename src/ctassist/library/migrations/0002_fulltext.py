"""Full-text structures for library search: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def install(apps, schema_editor):
    from ctassist.library.search import ddl

    ddl.install(schema_editor)


def remove(apps, schema_editor):
    from ctassist.library.search import ddl

    ddl.remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
