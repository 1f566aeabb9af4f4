"""SQLite search stems each language by its own rules (issue 13): the FTS5 table is rebuilt.

Until now FTS5 stemmed every document with Porter's English stemmer. The index columns
(``index_title`` / ``index_body``) now hold the words stemmed in the document's language
(``core.search.stemming``), the FTS5 table reads them with a tokenizer that does not stem, and it
carries ``text_config`` so that a query matches each language with its own stems. PostgreSQL stems
in its text-search configurations already: nothing changes there.
"""

from django.db import migrations

TABLE, PREFIX = "library_searchdocument", "library_search"


def restem(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from ctassist.core.search import ddl
    from ctassist.core.search.index import index_fields

    for statement in ddl.sqlite_remove(TABLE, PREFIX):
        schema_editor.execute(statement, params=None)
    document_model = apps.get_model("library", "SearchDocument")
    documents = document_model.objects.all().only("id", "title", "reference", "body", "text_config")
    changed = []
    for document in documents.iterator(chunk_size=500):
        fields = index_fields(document.title, document.reference, document.body, document.text_config, "sqlite")
        document.index_title, document.index_body = fields["index_title"], fields["index_body"]
        changed.append(document)
        if len(changed) == 500:
            document_model.objects.bulk_update(changed, ["index_title", "index_body"])
            changed = []
    document_model.objects.bulk_update(changed, ["index_title", "index_body"])
    ddl.install(schema_editor, table=TABLE, prefix=PREFIX)
    for statement in ddl.sqlite_rebuild(TABLE, PREFIX):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("library", "0003_versions")]

    # Backwards: the stemmed columns and the new FTS5 table stay; they serve the old code's queries
    # poorly but never fail.
    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
