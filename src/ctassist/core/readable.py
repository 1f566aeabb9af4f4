"""The change log and the domain events as a person reads them: labels, never codes.

A field is named by its verbose name; a value with choices by its label; a theme code by the
theme's name; a list joined with commas; an empty value as a dash; a mapping as "name: value"
pairs. A model may give choices for a field that stores codes without declaring them (a list
of language codes in a JSON field) in ``audit_choices = {"field": Choices.choices}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctassist.core.taxonomy import THEMES

EMPTY = "—"
# Keys the services write into events that are not fields of the record.
KEYS: dict[str, Any] = {
    "from": _("from"),
    "to": _("to"),
    "reason": _("comment"),
    "because": _("because of"),
    "fields": _("fields changed"),
    "officer": _("officer"),
    "previous": _("before"),
    "rows": _("rows"),
    "named": _("kept by name"),
    "entries": _("entries"),
    "recipients": _("recipients"),
}
# Event values that are words of the services, not data.
WORDS: dict[str, Any] = {"activities": _("the activities answering it")}
# ``from``/``to`` of a transition are values of the record's status.
STATUS_KEYS = {"from", "to"}


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)  # type: ignore[return-value]
        except FieldDoesNotExist:
            continue
    return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The name of field ``name`` of ``model`` as the pages show it."""
    field = _field(model, name)
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    if name in KEYS:
        return str(KEYS[name])
    return name.replace("_", " ")


def _choices(model: type[models.Model] | None, name: str) -> dict[Any, Any]:
    extra = getattr(model, "audit_choices", {}) if model is not None else {}
    if name in extra:
        return dict(extra[name])
    field = _field(model, "status" if name in STATUS_KEYS else name)
    if field is not None and field.choices:
        return dict(field.flatchoices)
    return {}


_THEMES = dict(THEMES)


def value_label(model: type[models.Model] | None, name: str, value: Any) -> str:
    """``value`` of field (or event key) ``name`` as a person reads it."""
    if value in (None, "", [], {}, ()):
        return EMPTY
    if name == "fields" and isinstance(value, list | tuple):
        return ", ".join(field_label(model, str(v)) for v in value)
    if isinstance(value, dict):
        return describe(model, value)
    if isinstance(value, list | tuple):
        return ", ".join(value_label(model, name, v) for v in value)
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    choices = _choices(model, name)
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and value in _THEMES and "theme" in name:
        return gettext(_THEMES[value])
    if isinstance(value, str) and value in WORDS:
        return str(WORDS[value])
    return str(value)


_FIRST = ("from", "to")


def describe(model: type[models.Model] | None, data: dict[str, Any] | None) -> str:
    """A mapping (an event's details) as "name: value; name: value", or a dash when empty."""
    if not data:
        return EMPTY
    # PostgreSQL's jsonb keeps keys in its own order: a step reads "from … to …" whatever the database.
    keys = sorted(data, key=lambda k: _FIRST.index(k) if k in _FIRST else len(_FIRST))
    parts = [f"{field_label(model, key)}: {value_label(model, key, data[key])}" for key in keys]
    return "; ".join(parts)


def model_of(record: Any) -> type[models.Model] | None:
    """The model a change-log entry or an event is about (None when it names none, or it is gone)."""
    content_type = getattr(record, "content_type", None)
    return content_type.model_class() if content_type is not None else None
