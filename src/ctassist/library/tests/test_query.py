import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctassist.core.search import search
from ctassist.core.search.backends import SqliteBackend
from ctassist.core.search.query import Phrase, QuerySyntaxError, Term, parse


def test_syntax():
    q = parse('"legal person" financ* -aviation OR hijacking')
    assert len(q.clauses) == 2
    assert q.clauses[0].include == [Phrase(("legal", "person")), Term("financ", prefix=True)]
    assert q.clauses[0].exclude == [Term("aviation")]
    # Each word stemmed by the configuration's rules (English here), as the index holds it.
    assert SqliteBackend().compile(q, "english") == '(("legal person" AND "financ"*) NOT ("aviat")) OR (("hijack"))'
    assert SqliteBackend().compile(q, "simple") == '(("legal person" AND "financ"*) NOT ("aviation")) OR (("hijacking"))'
    assert parse("section 12(3)").clauses[0].include[1] == Phrase(("12", "3"))
    assert parse("恐怖主义").clauses[0].include == [Phrase(("恐", "怖", "主", "义"))]
    assert parse("   ") is None
    assert parse("&& ()") is None


@pytest.mark.parametrize(
    "text,fragment",
    [
        ('"unbalanced quote', "quotation mark"),
        ("terrorism -", "minus sign"),
        ("- terrorism", "minus sign"),
        ("terrorism OR", "OR must stand"),
        ("OR terrorism", "OR must stand"),
        ("***", "asterisk"),
        ("f*", "at least"),
        ("-aviation", "exclusions alone"),
        ("fin*ance", "asterisk"),
        ('""', "quotes are empty"),
        ("x" * 600, "too long"),
    ],
)
def test_malformed_queries_get_a_helpful_message(text, fragment):
    with pytest.raises(QuerySyntaxError) as exc:
        parse(text)
    assert fragment in str(exc.value)


@pytest.mark.django_db
def test_malformed_query_in_search_is_an_error_not_an_exception():
    results = search('"unbalanced', user=None)
    assert results.error and results.hits == [] and results.total == 0


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.sampled_from(list("ab -*\"“OR NOT()|&:^'\\%_恐怖\x00é")), max_size=40) | st.text(max_size=60)
)
def test_no_query_string_crashes_search(text):
    results = search(text, user=None)
    assert results.total >= 0
