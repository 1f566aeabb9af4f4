"""Numbers in the language's own style: ``{% load ctassist_l10n %}{{ value|number }}``.

Django groups thousands only under ``USE_THOUSAND_SEPARATOR``, which would also group the years and
record numbers templates print; this filter groups the figures meant to be read as quantities, with
the separators of ``core/formats/<language>``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def number(value: Any, decimal_pos: Any = None) -> str:
    """``1234567.5`` as ``1,234,567.5`` (en), ``1 234 567,5`` (fr), ``1.234.567,5`` (es)…; else unchanged."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value is None else str(value)
    try:
        amount = value if isinstance(value, (int, float, Decimal)) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    places = int(decimal_pos) if decimal_pos not in (None, "") else None
    return formats.number_format(amount, places, use_l10n=True, force_grouping=True)
