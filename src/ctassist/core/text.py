"""The one rule for text that comes in: C0 control characters are not kept.

A title pasted from a word processor can carry a vertical tab (U+000B, Word's manual line
break) or a form feed; other C0 control characters come from damaged files or from fuzzing.
None of them means anything in a record, and XML (XLSX, DOCX) cannot hold them, so a record
holding one broke every later export of its list. The rule, applied once at each door:

- every form field that reads text (``django.forms.CharField`` and its subclasses) and every
  API text field (``rest_framework.serializers.CharField`` and its subclasses) cleans the
  value with :func:`strip_controls` before validating it (:func:`install`, called by
  ``CoreConfig.ready``);
- the one import pipeline cleans every cell it reads (``core.importing``).

Tab, line feed and carriage return are text and are kept; a vertical tab or a form feed
becomes a line feed (what the writer meant); every other C0 character and DEL is dropped.
Password fields are left exactly as typed. What is already stored is made safe on the way
out by the one export path (``core.exports``).
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls other than tab (09), line feed (0A) and carriage return (0D), and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def strip_controls(value: str) -> str:
    """``value`` without C0 control characters (tab, line feed, carriage return kept; VT and FF as line feeds)."""
    if not CONTROL.search(value):
        return value
    return CONTROL.sub("", value.translate(_LINE_BREAKS))


def has_controls(value: str) -> bool:
    return bool(CONTROL.search(value))


_installed = False


def install() -> None:
    """Make every form and API text field apply :func:`strip_controls` (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    from django import forms
    from rest_framework import serializers

    form_to_python = forms.CharField.to_python

    def to_python(self: forms.CharField, value: Any) -> Any:
        value = form_to_python(self, value)
        if isinstance(value, str) and not isinstance(self.widget, forms.PasswordInput):
            value = strip_controls(value)
            if self.strip:
                value = value.strip()
        return value

    forms.CharField.to_python = to_python  # type: ignore[method-assign]

    api_to_internal = serializers.CharField.to_internal_value

    def to_internal_value(self: serializers.CharField, data: Any) -> Any:
        value = api_to_internal(self, data)
        if isinstance(value, str) and self.style.get("input_type") != "password":
            value = strip_controls(value)
            if self.trim_whitespace:
                value = value.strip()
        return value

    serializers.CharField.to_internal_value = to_internal_value  # type: ignore[method-assign,assignment]

    # A record named by a key (a slug, a code) is looked up in the database: a key with control
    # characters names nothing, and PostgreSQL refuses a NUL in a query, so it is refused here.
    slug_to_internal = serializers.SlugRelatedField.to_internal_value

    def slug_to_internal_value(self: serializers.SlugRelatedField, data: Any) -> Any:
        if isinstance(data, str) and has_controls(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=strip_controls(data))
        return slug_to_internal(self, data)

    serializers.SlugRelatedField.to_internal_value = slug_to_internal_value  # type: ignore[method-assign]
