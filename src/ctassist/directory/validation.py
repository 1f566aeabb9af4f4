"""Checks on outside input shared by the model, forms, the API and the importer."""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

# E.164: "+" then the country code and subscriber number, 7 to 15 digits in all; spaces allowed for reading.
_PHONE = re.compile(r"^\+[1-9][0-9 ]*$")
_SPLIT = re.compile(r"[;\n]+")


def split_values(text: str) -> list[str]:
    """Values one per line or separated by semicolons (the import format)."""
    return [v.strip() for v in _SPLIT.split(text or "") if v.strip()]


def validate_phone(value: str) -> None:
    digits = value.replace(" ", "")
    if not _PHONE.match(value) or not 7 <= len(digits) - 1 <= 15:
        raise ValidationError(
            _("“%(value)s” is not an international telephone number: write + and the country code, then digits.")
            % {"value": value}
        )


def validate_url(value: str) -> None:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(_("“%(value)s” is not a web address (http:// or https://).") % {"value": value}) from None


def validate_email_address(value: str) -> None:
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(_("“%(value)s” is not an e-mail address.") % {"value": value}) from None


def validate_lines(text: str, check) -> None:
    errors = []
    for value in split_values(text):
        try:
            check(value)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def validate_phones(text: str) -> None:
    validate_lines(text, validate_phone)


def validate_emails(text: str) -> None:
    validate_lines(text, validate_email_address)


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value and value not in time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Africa/Nairobi or America/Lima.") % {"value": value}
        )


def validate_codes(values: list[str], choices, label: str) -> None:
    unknown = [v for v in values if v not in choices.values]
    if unknown:
        raise ValidationError(
            _("Unknown %(label)s code(s): %(codes)s. Known: %(known)s.")
            % {"label": label, "codes": ", ".join(unknown), "known": ", ".join(choices.values)}
        )
