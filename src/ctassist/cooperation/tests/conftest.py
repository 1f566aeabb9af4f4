import datetime

import pytest
from django.test import Client

from ctassist.cooperation import services
from ctassist.directory import services as directory_services
from ctassist.geo.models import State
from ctassist.treaties import services as treaty_services
from ctassist.treaties.models import Instrument

D = datetime.date


def join(state, code, day, kind="ratification"):
    return treaty_services.record_action(
        acting_user=None, state=state, instrument=Instrument.objects.get(code=code), kind=kind, date=day
    )


def reserve(state, code, day, text, kind="reservation"):
    return treaty_services.record_action(
        acting_user=None, state=state, instrument=Instrument.objects.get(code=code), kind=kind, date=day, text=text
    )


def authority(state, kind="mla", languages="en,fr", channels="direct,email"):
    return directory_services.create_entry(
        acting_user=None,
        state=state,
        fields={
            "authority_type": kind,
            "name": f"Central Authority of {state.iso3} (test)",
            "emails": "central.authority@example.org",
            "address": "1 Example Street",
            "languages_accepted": languages,
            "channels_accepted": channels,
            "requirements": "Requests in writing, signed.",
        },
        contacts=[{"name": "Test Contact", "email": "contact@example.org"}],
        status="published",
    )


@pytest.fixture
def third_state(db):
    return State.objects.get(iso3="FRA")


@pytest.fixture
def both_in_bombings(actors):
    """Kenya and Peru both party to the Terrorist Bombings Convention since 2005 and 2003."""
    join(actors.state, "bombings-1997", D(2005, 3, 1))
    join(actors.other_state, "bombings-1997", D(2003, 6, 10), kind="accession")
    return actors


COMPLETE_MLA = {
    "requesting_authority": "Office of the Director of Public Prosecutions (test)",
    "channel": "direct",
    "language": "fr",
    "offence": "bombing",
    "facts": "On 3 May 2024 an explosive device was detonated at a bus station (test facts).",
    "offence_date": D(2024, 5, 3),
    "offence_description": "Section 4 of the Prevention of Terrorism Act (test).",
    "penalties": "Imprisonment for life (test).",
    "assistance": ["preservation", "subscriber"],
    "assistance_details": "Preserve and disclose the subscriber information of the account below.",
    "data_identifiers": "user account example-handle, 1-10 May 2024, Example Mail Ltd",
    "confidential": True,
    "confidentiality_reasons": "The suspects are not aware of the investigation.",
}


def draft_mla(actors, **overrides):
    """A complete draft from Kenya to Peru under the Bombings Convention (the two States must be party)."""
    entry = authority(actors.other_state)
    fields = {**COMPLETE_MLA, "requested_authority": entry, **overrides}
    return services.create_request(
        acting_user=actors.focal_point,
        kind="mla",
        counterpart=actors.other_state,
        fields=fields,
        instruments=[Instrument.objects.get(code="bombings-1997")],
    )


@pytest.fixture
def client_for(actors):
    def build(role):
        client = Client()
        if role != "anonymous":
            client.force_login(actors.user(role))
        return client

    return build
