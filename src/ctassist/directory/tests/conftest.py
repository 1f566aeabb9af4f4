import pytest
from django.test import Client

from ctassist.directory import services
from ctassist.directory.choices import EntryStatus

SECRET_EMAIL = "secret.mla@example.org"
SECRET_PHONE = "+1 613 555 0142"
PERSON_EMAIL = "hidden.person@example.org"


def make_entry(
    state, *, status=EntryStatus.PUBLISHED, name="Central Authority (test)", kind="mla", is_demo=False, **fields
):
    data = {
        "authority_type": kind,
        "name": name,
        "emails": SECRET_EMAIL,
        "telephones": SECRET_PHONE,
        "address": "1 Example Street, Placeholder City",
        "languages_accepted": "en,sw",
        "channels_accepted": "direct,email",
        **fields,
    }
    return services.create_entry(
        acting_user=None,
        state=state,
        fields=data,
        contacts=[{"name": "Demo Contact 0001", "title": "Legal officer", "email": PERSON_EMAIL, "languages": "en"}],
        status=status,
        is_demo=is_demo,
    )


@pytest.fixture
def entry(actors):
    return make_entry(actors.state)


@pytest.fixture
def other_entry(actors):
    return make_entry(actors.other_state, name="Autoridad Central (test)")


@pytest.fixture
def client_for(actors):
    def build(role):
        client = Client()
        if role != "anonymous":
            client.force_login(actors.user(role))
        return client

    return build
