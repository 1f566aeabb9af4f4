"""Library search: one interface, a backend per database (see docs/library.md).

``search(query, filters, sort, page, user=...) -> Results`` is the interface;
``registry`` lists the searchable document types; ``index`` keeps the index current.
"""

from ctassist.library.search.engine import FACET_LABELS, FACETS, FacetValue, Hit, Results, search
from ctassist.library.search.query import QuerySyntaxError, parse

__all__ = ["FACETS", "FACET_LABELS", "FacetValue", "Hit", "Results", "QuerySyntaxError", "parse", "search"]
