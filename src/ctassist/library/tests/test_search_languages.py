"""Search per language (issue 13): each language's documents found through their own stems.

On SQLite the index holds the words stemmed by the language's Snowball rules (Chinese in bigrams);
on PostgreSQL its text-search configurations do the same. Each test finds an inflected form that
differs from the query word, and checks that another language's stemmer is not applied to it.
"""

from __future__ import annotations

import pytest
from django.db import connection

from ctassist.core.search import search
from ctassist.core.search.backends import SqliteBackend
from ctassist.core.search.query import parse
from ctassist.core.search.stemming import index_text, query_tokens
from ctassist.library.tests.factories import law

pytestmark = pytest.mark.django_db

CASES = [
    # language, provision text (inflected), query (another form of the same word)
    ("en", "The financing of terrorist acts is an offence.", "financed"),
    ("fr", "Le financement du terrorisme est une infraction.", "financer"),
    ("es", "Los actos terroristas y su financiación están tipificados.", "terrorista"),
    ("ru", "Финансирование терроризма наказывается лишением свободы.", "терроризмом"),
    ("ar", "يعاقب على تمويل الإرهاب بالسجن.", "إرهاب"),
    ("zh", "资助恐怖主义的行为构成犯罪。", "恐怖"),
]


@pytest.mark.parametrize(("language", "text", "query"), CASES, ids=[c[0] for c in CASES])
def test_an_inflected_form_is_found_through_its_stem(actors, language, text, query):
    law(actors.state, title="Demonstration Act", language=language, provisions=[("Article 1", "", text)])
    law(actors.state, title="Demonstration Other Act", language=language,
        provisions=[("Article 2", "", "Unrelated words: aircraft, vessels.")])  # fmt: skip
    results = search(query, user=None)
    assert results.total == 1, (language, query)
    assert results.hits[0].reference == "Article 1" or "Article 1" in results.hits[0].title + results.hits[0].reference
    assert results.hits[0].language == language


def test_stems_are_per_language():
    # The same letters stem differently by language; the query is stemmed as each document's language.
    assert index_text("terroristes", "french") == "terror"
    assert index_text("terroristes", "english") == "terrorist"
    assert index_text("терроризма", "russian") == index_text("терроризм", "russian")
    assert index_text("الإرهابية", "arabic") == index_text("الإرهاب", "arabic")
    assert index_text("恐怖主义", "simple") == "恐怖 怖主 主义 义"
    assert query_tokens(["恐", "怖", "主", "义"], "simple") == ["恐怖", "怖主", "主义"]


def test_a_french_word_does_not_match_english_documents_by_a_french_stem(actors):
    law(actors.state, title="Demonstration Act", language="en", provisions=[("Article 1", "", "Terror alone.")])
    law(actors.state, title="Demonstration Loi", language="fr", provisions=[("Article 2", "", "Le terrorisme.")])
    # "terroristes" stems to "terror" in French, to "terrorist" in English: only the French document has it.
    assert [h.language for h in search("terroristes", user=None).hits] == ["fr"]


def test_one_chinese_character_and_a_phrase(actors):
    law(actors.state, title="Demonstration Act", language="zh", provisions=[("第一条", "", "资助恐怖主义的行为构成犯罪。")])
    assert search("罪", user=None).total == 1  # the last character of a run
    assert search("恐", user=None).total == 1
    assert search('"恐怖主义"', user=None).total == 1
    assert search("主义恐怖", user=None).total == 0  # characters in another order


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite compilation")
def test_sqlite_query_is_compiled_for_each_configuration():
    compiled = SqliteBackend().compile(parse("financer"))
    assert 'text_config : "french" AND ({title body} : ((("financ"))))' in compiled
    assert 'text_config : "english" AND ({title body} : ((("financ"))))' in compiled
    assert 'text_config : "simple" AND ({title body} : ((("financer"))))' in compiled
