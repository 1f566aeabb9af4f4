"""Search: one interface, a backend per database (see docs/library.md).

The engine imports no app; apps configure it through ``registry`` (the document
store, their searchable types, facet labels).

``search(query, filters, sort, page, user=...) -> Results`` is the interface;
``registry`` lists the searchable document types; ``index`` keeps the index current.
"""

from ctassist.core.search.engine import FACET_LABELS, FACETS, FacetValue, Hit, Results, search
from ctassist.core.search.query import QuerySyntaxError, parse

__all__ = ["FACETS", "FACET_LABELS", "FacetValue", "Hit", "Results", "QuerySyntaxError", "parse", "search"]
