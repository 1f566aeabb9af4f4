"""DDL of the full-text structures over a document table, per database.

SQLite: an FTS5 external-content table ``<prefix>_fts`` over the document table,
kept in step by triggers. It reads ``index_title`` / ``index_body``, which hold the words already
stemmed in the document's own language (``stemming``), so its tokenizer does not stem; the
``text_config`` column lets a query match each language's documents with that language's stems. PostgreSQL: a weighted ``search_vector`` column filled
by a trigger in each row's own text-search configuration, with a GIN index.
The backends (``backends``) read what these create; the app that owns the table
runs :func:`install` from a migration (the library: ``library_searchdocument``,
prefix ``library_search``).

Note: Django rebuilds SQLite tables for many ALTERs, which drops triggers; a
later migration that alters the document model must call ``install`` again
(and reindex).
"""

from __future__ import annotations

_TITLE = "CASE WHEN {r}.index_title <> '' THEN {r}.index_title ELSE {r}.title || ' ' || {r}.reference END"
_BODY = "CASE WHEN {r}.index_body <> '' THEN {r}.index_body ELSE {r}.body END"


def _values(row: str) -> str:
    return f"{row}.id, {_TITLE.format(r=row)}, {_BODY.format(r=row)}, {row}.text_config"


def sqlite_install(table: str, prefix: str) -> list[str]:
    fts = f"{prefix}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"title, body, text_config, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608 - constant DDL
        f"INSERT INTO {fts}(rowid, title, body, text_config) VALUES ({_values('new')}); END",
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608 - constant DDL
        f"INSERT INTO {fts}({fts}, rowid, title, body, text_config) VALUES ('delete', {_values('old')}); END",
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_au AFTER UPDATE OF title, reference, body, index_title, index_body, "  # noqa: S608 - constant DDL
        f"text_config ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, title, body, text_config) VALUES ('delete', {_values('old')}); "
        f"INSERT INTO {fts}(rowid, title, body, text_config) VALUES ({_values('new')}); END",
    ]


def sqlite_remove(table: str, prefix: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {prefix}_au",
        f"DROP TRIGGER IF EXISTS {prefix}_ad",
        f"DROP TRIGGER IF EXISTS {prefix}_ai",
        f"DROP TABLE IF EXISTS {prefix}_fts",
    ]


def pg_install(table: str, prefix: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector",
        f"""CREATE OR REPLACE FUNCTION {prefix}_vector_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(NEW.text_config::regconfig, CASE WHEN NEW.index_title <> '' THEN NEW.index_title
                                                        ELSE NEW.title || ' ' || NEW.reference END), 'A') ||
    setweight(to_tsvector(NEW.text_config::regconfig, CASE WHEN NEW.index_body <> '' THEN NEW.index_body
                                                        ELSE NEW.body END), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {prefix}_vector_trigger ON {table}",
        f"CREATE TRIGGER {prefix}_vector_trigger BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {prefix}_vector_update()",
        f"CREATE INDEX IF NOT EXISTS {prefix}_vector_gin ON {table} USING GIN (search_vector)",
    ]


def pg_remove(table: str, prefix: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {prefix}_vector_trigger ON {table}",
        f"DROP FUNCTION IF EXISTS {prefix}_vector_update()",
        f"DROP INDEX IF EXISTS {prefix}_vector_gin",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector",
    ]


_INSTALL = {"sqlite": sqlite_install, "postgresql": pg_install}
_REMOVE = {"sqlite": sqlite_remove, "postgresql": pg_remove}


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def sqlite_rebuild(table: str, prefix: str) -> list[str]:
    """Fill the FTS5 table again from the document table, as the triggers would.

    Not FTS5's own 'rebuild': it would read the content table's ``title`` and ``body`` as written,
    not the stemmed index columns.
    """
    fts = f"{prefix}_fts"
    return [
        f"INSERT INTO {fts}({fts}) VALUES ('delete-all')",  # noqa: S608 - constant DDL
        f"INSERT INTO {fts}(rowid, title, body, text_config) SELECT {_values(table)} FROM {table}",  # noqa: S608 - constant DDL
    ]


def install(schema_editor, *, table: str, prefix: str) -> None:
    """Create the full-text structures over ``table`` (names begin with ``prefix``)."""
    make = _INSTALL.get(schema_editor.connection.vendor)
    if make is not None:
        _run(schema_editor, make(table, prefix))


def remove(schema_editor, *, table: str, prefix: str) -> None:
    make = _REMOVE.get(schema_editor.connection.vendor)
    if make is not None:
        _run(schema_editor, make(table, prefix))
