"""Offence, assistance and step names as the request document writes them (see documents.TEXTS)."""

from typing import Any

from django.utils.translation import pgettext_lazy

# Every text here and in documents.TEXTS is in the translation context "legal document" (xgettext needs
# the context written out in each call).
TERMS: dict[str, Any] = {
    "offence:on-board-aircraft": pgettext_lazy("legal document", "Offence committed on board an aircraft"),
    "offence:aircraft-seizure": pgettext_lazy("legal document", "Unlawful seizure of an aircraft"),
    "offence:aviation-safety": pgettext_lazy("legal document", "Unlawful act against the safety of civil aviation"),
    "offence:airport-violence": pgettext_lazy(
        "legal document", "Violence at an airport serving international civil aviation"
    ),
    "offence:protected-persons": pgettext_lazy("legal document", "Attack on an internationally protected person"),
    "offence:hostage-taking": pgettext_lazy("legal document", "Hostage-taking"),
    "offence:nuclear-material": pgettext_lazy("legal document", "Offence involving nuclear material"),
    "offence:maritime": pgettext_lazy("legal document", "Unlawful act against the safety of maritime navigation"),
    "offence:fixed-platform": pgettext_lazy("legal document", "Unlawful act against a fixed platform"),
    "offence:bombing": pgettext_lazy("legal document", "Terrorist bombing"),
    "offence:financing": pgettext_lazy("legal document", "Financing of terrorism"),
    "offence:nuclear-terrorism": pgettext_lazy("legal document", "Act of nuclear terrorism"),
    "assistance:evidence": pgettext_lazy("legal document", "Taking evidence or statements"),
    "assistance:documents": pgettext_lazy("legal document", "Documents and records"),
    "assistance:search": pgettext_lazy("legal document", "Search and seizure"),
    "assistance:freezing": pgettext_lazy("legal document", "Freezing or confiscation of assets"),
    "assistance:service": pgettext_lazy("legal document", "Service of judicial documents"),
    "assistance:video": pgettext_lazy("legal document", "Hearing by video conference"),
    "assistance:preservation": pgettext_lazy("legal document", "Preservation of electronic data"),
    "assistance:subscriber": pgettext_lazy("legal document", "Subscriber information"),
    "assistance:content": pgettext_lazy("legal document", "Content data"),
    "step:authority": pgettext_lazy("legal document", "Authorities"),
    "step:basis": pgettext_lazy("legal document", "Legal basis"),
    "step:facts": pgettext_lazy("legal document", "Facts, offence and penalties"),
    "step:assistance": pgettext_lazy("legal document", "Assistance sought"),
    "step:person": pgettext_lazy("legal document", "Person sought"),
    "step:handling": pgettext_lazy("legal document", "Confidentiality and urgency"),
}
