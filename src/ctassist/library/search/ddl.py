"""DDL of the full-text structures, per database; used by migrations (and re-run if the table is rebuilt).

SQLite: an FTS5 external-content table over ``library_searchdocument`` kept in
step by triggers. PostgreSQL: a weighted ``tsvector`` column filled by a trigger
in each row's own text-search configuration, with a GIN index.

Note: Django rebuilds SQLite tables for many ALTERs, which drops triggers; a
later migration that alters ``SearchDocument`` must call ``install(schema_editor)``
again (and reindex).
"""

_TITLE = "CASE WHEN {r}.index_title <> '' THEN {r}.index_title ELSE {r}.title || ' ' || {r}.reference END"
_BODY = "CASE WHEN {r}.index_body <> '' THEN {r}.index_body ELSE {r}.body END"


def _values(row: str) -> str:
    return f"{row}.id, {_TITLE.format(r=row)}, {_BODY.format(r=row)}"


SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_search_fts USING fts5("
    "title, body, content='library_searchdocument', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS library_search_ai AFTER INSERT ON library_searchdocument BEGIN "  # noqa: S608 - constant DDL
    f"INSERT INTO library_search_fts(rowid, title, body) VALUES ({_values('new')}); END",
    "CREATE TRIGGER IF NOT EXISTS library_search_ad AFTER DELETE ON library_searchdocument BEGIN "  # noqa: S608 - constant DDL
    f"INSERT INTO library_search_fts(library_search_fts, rowid, title, body) VALUES ('delete', {_values('old')}); END",
    "CREATE TRIGGER IF NOT EXISTS library_search_au AFTER UPDATE OF title, reference, body, index_title, index_body "  # noqa: S608 - constant DDL
    "ON library_searchdocument BEGIN "
    f"INSERT INTO library_search_fts(library_search_fts, rowid, title, body) VALUES ('delete', {_values('old')}); "
    f"INSERT INTO library_search_fts(rowid, title, body) VALUES ({_values('new')}); END",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS library_search_au",
    "DROP TRIGGER IF EXISTS library_search_ad",
    "DROP TRIGGER IF EXISTS library_search_ai",
    "DROP TABLE IF EXISTS library_search_fts",
]

PG_INSTALL = [
    "ALTER TABLE library_searchdocument ADD COLUMN IF NOT EXISTS search_vector tsvector",
    """CREATE OR REPLACE FUNCTION library_search_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(NEW.text_config::regconfig, CASE WHEN NEW.index_title <> '' THEN NEW.index_title
                                                        ELSE NEW.title || ' ' || NEW.reference END), 'A') ||
    setweight(to_tsvector(NEW.text_config::regconfig, CASE WHEN NEW.index_body <> '' THEN NEW.index_body
                                                        ELSE NEW.body END), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS library_search_vector_trigger ON library_searchdocument",
    "CREATE TRIGGER library_search_vector_trigger BEFORE INSERT OR UPDATE ON library_searchdocument "
    "FOR EACH ROW EXECUTE FUNCTION library_search_vector_update()",
    "CREATE INDEX IF NOT EXISTS library_search_vector_gin ON library_searchdocument USING GIN (search_vector)",
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS library_search_vector_trigger ON library_searchdocument",
    "DROP FUNCTION IF EXISTS library_search_vector_update()",
    "DROP INDEX IF EXISTS library_search_vector_gin",
    "ALTER TABLE library_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)
    elif vendor == "postgresql":
        _run(schema_editor, PG_INSTALL)


def remove(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)
    elif vendor == "postgresql":
        _run(schema_editor, PG_REMOVE)
