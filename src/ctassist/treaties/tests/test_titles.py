"""Instrument titles in the user's language where the official title is recorded, with its source."""

from __future__ import annotations

import csv

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ctassist.treaties.models import Instrument
from ctassist.treaties.titles import TITLES, instrument_title

pytestmark = pytest.mark.django_db


def test_every_recorded_title_names_its_source_and_a_known_instrument():
    codes = set(Instrument.objects.values_list("code", flat=True))
    with TITLES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["code"] in codes, row
        assert row["language"] in {"fr", "es", "ar", "zh", "ru"}, row
        assert row["title"].strip() and row["source"].strip(), row


def test_title_in_the_language_or_english():
    title = instrument_title("financing-1999", "International Convention for the Suppression of the Financing of Terrorism", "fr")
    assert title.text == "Convention internationale pour la répression du financement du terrorisme"
    assert "resolution 54/109, annex, French text" in title.source and not title.is_english_fallback
    assert instrument_title("financing-1999", "X", "zh-hans").text == "制止向恐怖主义提供资助的国际公约"
    fallback = instrument_title("tokyo-1963", "Convention on Offences", "ru")
    assert fallback.text == "Convention on Offences" and fallback.is_english_fallback and fallback.source == ""


@pytest.mark.parametrize(
    ("language", "code", "expected", "note"),
    [
        ("fr", "financing-1999", "Convention internationale pour la répression du financement du terrorisme", "resolution 54/109, annex, French text"),
        ("zh-hans", "financing-1999", "制止向恐怖主义提供资助的国际公约", "resolution 54/109, annex, Chinese text"),
        ("ru", "financing-1999", "International Convention for the Suppression of the Financing of Terrorism", None),
    ],
)
def test_instrument_page_shows_the_title_of_the_users_language(client, language, code, expected, note):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # The locale middleware leaves the request's language active in this thread: restore it after.
    with translation.override(settings.LANGUAGE_CODE):
        body = client.get(reverse("treaties:instrument_detail", args=[code])).content.decode()
    assert expected in body.split("<h1", 1)[1].split("</h1>", 1)[0]
    if note:
        assert note in body
    else:
        # English shown, and the page says the title in this language is not recorded (marked as English).
        assert '<h1 lang="en">' in body
