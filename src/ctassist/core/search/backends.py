"""The database-specific half of search: compiling a parsed query for each engine.

A backend answers three things for a parsed query: the tables to read
(``from_sql``), the condition that a document matches (``match_sql``), and its
relevance score, higher is better (``score_sql``). Everything else (filters,
visibility, facets, paging, snippets) is shared SQL and Python in ``engine``.
"""

from __future__ import annotations

from django.db import connection

from ctassist.core.search import registry, stemming
from ctassist.core.search.index import ALL_CONFIGS
from ctassist.core.search.query import Phrase, Query, Term

Fragment = tuple[str, list]


class SqliteBackend:
    """SQLite FTS5: an external-content table over the store's table, kept by triggers (``ddl``).

    The index holds each document's words stemmed in its own language (``stemming``), so a query is
    compiled once per text configuration, each word stemmed by that configuration's rules, and each
    version matches only the documents of its configuration — as the PostgreSQL backend does.
    """

    vendor = "sqlite"

    def __init__(self, store: registry.Store | None = None):
        store = store or registry.store()
        self.documents = store.table
        self.table = store.fts_table

    @staticmethod
    def _atom(atom: Term | Phrase, config: str) -> str:
        # Words are \w+ only (the parser guarantees it) and so are their stems: quoting is enough.
        words = (atom.word,) if isinstance(atom, Term) else atom.words
        tokens = [t for t in stemming.query_tokens(words, config) if t] or list(words)
        prefix = isinstance(atom, Term) and atom.prefix
        if len(tokens) == 1 and stemming.is_cjk(tokens[0]) and len(tokens[0]) == 1:
            prefix = True  # one character: the bigrams that begin with it, or itself ending a run
        return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")

    def compile(self, query: Query, config: str | None = None) -> str:
        """The FTS5 expression of ``query``: for one configuration, or (default) for all of them."""
        if config is None:
            return " OR ".join(
                f'(text_config : "{c}" AND ({{title body}} : ({self.compile(query, c)})))' for c in stemming.CONFIGS
            )
        clauses = []
        for clause in query.clauses:
            expr = "(" + " AND ".join(self._atom(a, config) for a in clause.include) + ")"
            if clause.exclude:
                expr += " NOT (" + " OR ".join(self._atom(a, config) for a in clause.exclude) + ")"
            clauses.append("(" + expr + ")")
        return " OR ".join(clauses)

    def parts(self, query: Query | None) -> tuple[Fragment, Fragment, Fragment]:
        if query is None:
            return (f"{self.documents} d", []), ("1 = 1", []), ("0.0", [])
        return (
            (f"{self.table} JOIN {self.documents} d ON d.id = {self.table}.rowid", []),
            (f"{self.table} MATCH %s", [self.compile(query)]),
            (f"-bm25({self.table}, 4.0, 1.0, 0.0)", []),
        )


class PostgresBackend:
    """PostgreSQL full-text search: a weighted tsvector per document in its own language's configuration."""

    vendor = "postgresql"

    def __init__(self, store: registry.Store | None = None):
        self.documents = (store or registry.store()).table

    @staticmethod
    def _atom(atom: Term | Phrase, config: str) -> Fragment:
        if isinstance(atom, Term):
            if atom.prefix:
                return "to_tsquery(%s::regconfig, %s)", [config, f"{atom.word}:*"]
            return "plainto_tsquery(%s::regconfig, %s)", [config, atom.word]
        return "phraseto_tsquery(%s::regconfig, %s)", [config, " ".join(atom.words)]

    def compile(self, query: Query, config: str) -> Fragment:
        sql_clauses, params = [], []
        for clause in query.clauses:
            pieces = []
            for atom in clause.include:
                sql, p = self._atom(atom, config)
                pieces.append(sql)
                params += p
            for atom in clause.exclude:
                sql, p = self._atom(atom, config)
                pieces.append(f"!!{sql}")
                params += p
            sql_clauses.append("(" + " && ".join(pieces) + ")")
        return "(" + " || ".join(sql_clauses) + ")", params

    def parts(self, query: Query | None) -> tuple[Fragment, Fragment, Fragment]:
        if query is None:
            return (f"{self.documents} d", []), ("1 = 1", []), ("0.0", [])
        selects, params = [], []
        for config in ALL_CONFIGS:
            sql, p = self.compile(query, config)
            selects.append(f"{sql} AS {config}")
            params += p
        from_sql = f"{self.documents} d CROSS JOIN (SELECT {', '.join(selects)}) q"
        match = " OR ".join(f"(d.text_config = '{c}' AND d.search_vector @@ q.{c})" for c in ALL_CONFIGS)
        case = " ".join(f"WHEN '{c}' THEN q.{c}" for c in ALL_CONFIGS)
        score = f"ts_rank(d.search_vector, CASE d.text_config {case} END, 1)"
        return (from_sql, params), (f"({match})", []), (score, [])


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
