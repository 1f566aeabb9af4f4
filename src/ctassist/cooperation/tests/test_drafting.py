"""Drafting a request: the steps, refusal while an essential element is missing, the DOCX in the six languages."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from ctassist.cooperation import services
from ctassist.cooperation.models import CooperationRequest
from ctassist.cooperation.tests.conftest import COMPLETE_MLA, authority, draft_mla, join
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.treaties.models import Instrument

D = datetime.date


def text_of(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_a_blank_draft_is_refused_naming_each_missing_step_and_field(actors):
    request = services.create_request(acting_user=actors.focal_point, kind="mla", counterpart=actors.other_state)
    assert request.reference.startswith("MLA-KEN-") and request.status == "drafted"
    with pytest.raises(ValidationError) as refused:
        services.finalise(acting_user=actors.focal_point, request=request, expected_version=request.version)
    errors = refused.value.message_dict
    for field in ("requesting_authority", "requested_authority", "channel", "language", "offence", "instruments",
                  "facts", "offence_description", "penalties", "assistance", "assistance_details"):  # fmt: skip
        assert field in errors, field
    assert errors["facts"] == ["Facts, offence and penalties: Summarise the facts."]
    assert errors["requested_authority"][0].startswith("Authorities: ")
    request.refresh_from_db()
    assert request.finalised_at is None and request.version == 1  # nothing half-written


def test_an_instrument_that_does_not_bind_both_states_is_refused(actors):
    join(actors.state, "bombings-1997", D(2005, 3, 1))  # Peru is not party
    request = draft_mla(actors)
    with pytest.raises(ValidationError) as refused:
        services.finalise(acting_user=actors.focal_point, request=request, expected_version=request.version)
    assert "bombings-1997" in refused.value.message_dict["instruments"][0]


def test_electronic_evidence_needs_the_data_and_a_language_the_authority_accepts(both_in_bombings):
    a = both_in_bombings
    request = draft_mla(a, data_identifiers="", language="es")  # the authority accepts en, fr
    with pytest.raises(ValidationError) as refused:
        services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    assert set(refused.value.message_dict) == {"data_identifiers", "language"}


def test_a_complete_mla_request_is_finalised_and_produced_in_the_six_languages(both_in_bombings, client):
    a = both_in_bombings
    request = draft_mla(a)
    request = services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    assert request.finalised_at is not None
    client.force_login(a.focal_point)
    texts, documents = {}, {}
    for lang in ("en", "fr", "es", "ar", "zh", "ru"):
        response = client.get(reverse("cooperation:request_document", args=[request.pk]) + f"?lang={lang}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        texts[lang], documents[lang] = text_of(response.content), Document(io.BytesIO(response.content))
    assert "Request for mutual legal assistance in criminal matters" in texts["en"]
    assert "Demande d'entraide judiciaire en matière pénale" in texts["fr"]
    assert "Solicitud de asistencia judicial recíproca en materia penal" in texts["es"]
    assert "طلب المساعدة القانونية المتبادلة في المسائل الجنائية" in texts["ar"]
    assert "刑事事项司法协助请求" in texts["zh"]
    assert "Просьба об оказании взаимной правовой помощи по уголовным делам" in texts["ru"]
    assert "Conservation de données électroniques" in texts["fr"]
    assert "Annexe : liste de contrôle des éléments essentiels" in texts["fr"]
    assert "المواد 2, 8, 9, 10" in texts["ar"] and "第2, 8, 9, 10条" in texts["zh"]
    for lang, text in texts.items():  # the request's own words stay as written, and the basis cites the articles
        assert COMPLETE_MLA["facts"] in text
        assert "International Convention for the Suppression of Terrorist Bombings" in text
        assert "2, 8, 9, 10" in text
        assert "Request for mutual legal assistance" not in text or lang == "en", lang
    # Arabic is laid out right to left (paragraphs and tables); the other languages left to right.
    bidi = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
    normal = documents["ar"].styles["Normal"].element.pPr
    assert normal is not None and normal.find(bidi) is not None
    assert all(t._tbl.tblPr.find(bidi + "Visual") is not None for t in documents["ar"].tables)
    facts = next(p for p in documents["ar"].paragraphs if p.text == COMPLETE_MLA["facts"])
    own = facts._p.pPr.find(bidi)  # the facts as written in English stay left to right
    assert own is not None and own.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "0"
    english = documents["en"].styles["Normal"].element.pPr
    assert english is None or english.find(bidi) is None
    reads = DomainEvent.objects.filter(type="cooperation.request_viewed", data__via__startswith="docx-")
    assert reads.count() == 6


def test_an_extradition_request_needs_the_person_and_the_warrant(both_in_bombings, client):
    a = both_in_bombings
    entry = authority(a.other_state, kind="extradition")
    fields = {k: v for k, v in COMPLETE_MLA.items() if not k.startswith("assistance") and k != "data_identifiers"}
    request = services.create_request(
        acting_user=a.focal_point, kind="extradition", counterpart=a.other_state,
        fields={**fields, "requested_authority": entry}, instruments=[Instrument.objects.get(code="bombings-1997")],
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    assert set(refused.value.message_dict) == {"person_sought", "warrant_reference"}
    request = services.update_request(
        acting_user=a.focal_point, request=request, expected_version=request.version,
        fields={"person_sought": "Test Person, born 1990 (test)", "warrant_reference": "Warrant 12/2024 (test)"},
    )  # fmt: skip
    request = services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    client.force_login(a.focal_point)
    text = text_of(client.get(reverse("cooperation:request_document", args=[request.pk]) + "?lang=es").content)
    assert "Solicitud de extradición" in text and "Warrant 12/2024 (test)" in text


def test_a_change_after_finalising_needs_finalising_again(both_in_bombings):
    a = both_in_bombings
    request = draft_mla(a)
    request = services.finalise(acting_user=a.focal_point, request=request, expected_version=request.version)
    unchanged = services.update_request(acting_user=a.focal_point, request=request, fields={"penalties": request.penalties},
                                        expected_version=request.version)  # fmt: skip
    assert unchanged.finalised_at is not None
    changed = services.update_request(acting_user=a.focal_point, request=request, fields={"penalties": "Ten years."},
                                      expected_version=request.version)  # fmt: skip
    assert changed.finalised_at is None
    with pytest.raises(ValidationError):
        services.move(acting_user=a.focal_point, request=changed, to="sent")


def test_drafting_end_to_end_in_the_pages(both_in_bombings, client):
    a = both_in_bombings
    entry = authority(a.other_state)
    client.force_login(a.focal_point)
    response = client.post(reverse("cooperation:request_create"),
                           {"kind": "mla", "direction": "outgoing", "counterpart": a.other_state.pk})  # fmt: skip
    assert response.status_code == 302
    request = CooperationRequest.objects.get()
    detail = client.get(request.get_absolute_url())
    assert detail.status_code == 200 and "Summarise the facts." in detail.content.decode()

    def step(slug, data):
        request.refresh_from_db()
        answer = client.post(reverse("cooperation:request_step", args=[request.pk, slug]),
                             {"version": request.version, **data})  # fmt: skip
        assert answer.status_code == 302, answer.content.decode()[:2000]

    step("authority", {"requesting_authority": "Office of the DPP (test)", "requested_authority": entry.pk,
                       "channel": "direct", "language": "fr"})  # fmt: skip
    step("basis", {"offence": "bombing", "basis_date": "2024-06-01", "instruments": ["bombings-1997"]})
    step("facts", {"facts": "Test facts.", "offence_description": "Section 4 (test).", "penalties": "Life (test)."})
    step("assistance", {"assistance": ["evidence", "content"], "assistance_details": "Hear the witness (test).",
                        "data_identifiers": "account example-handle (test)"})  # fmt: skip
    step("handling", {"urgent": "on", "urgency_reasons": "Trial opens soon (test).", "reply_by": "2030-01-01"})
    request.refresh_from_db()
    assert request.assistance_codes == ["evidence", "content"] and request.urgent
    # The basis step shows what binds the two States.
    page = client.get(reverse("cooperation:request_step", args=[request.pk, "basis"])).content.decode()
    assert "Terrorist Bombings Convention 1997" in page
    assert client.post(reverse("cooperation:request_finalise", args=[request.pk]),
                       {"version": request.version}).status_code == 302  # fmt: skip
    request.refresh_from_db()
    assert request.finalised_at is not None
    response = client.post(reverse("cooperation:request_move", args=[request.pk]), {"to": "sent"})
    request.refresh_from_db()
    assert request.status == "sent" and request.steps.get().status == "sent"
    assert ChangeLogEntry.objects.filter(object_id=str(request.pk), action="update").exists()


def test_a_step_form_with_bad_input_answers_400_and_saves_nothing(both_in_bombings, client):
    a = both_in_bombings
    request = draft_mla(a)
    client.force_login(a.focal_point)
    before = request.version
    answer = client.post(reverse("cooperation:request_step", args=[request.pk, "assistance"]),
                         {"version": request.version, "assistance": ["teleportation"]})  # fmt: skip
    assert answer.status_code == 400
    answer = client.post(reverse("cooperation:request_step", args=[request.pk, "facts"]),
                         {"version": request.version, "offence_date": "2999-01-01"})  # fmt: skip
    assert answer.status_code == 400 and "The date is in the future." in answer.content.decode()
    request.refresh_from_db()
    assert request.version == before
    stale = client.post(reverse("cooperation:request_step", args=[request.pk, "facts"]),
                        {"version": before - 1 if before > 1 else 99, "facts": "x"})  # fmt: skip
    assert stale.status_code == 409


def test_the_document_of_an_incomplete_draft_is_refused_with_what_is_missing(actors, client):
    request = services.create_request(acting_user=actors.focal_point, kind="mla", counterpart=actors.other_state)
    client.force_login(actors.focal_point)
    answer = client.get(reverse("cooperation:request_document", args=[request.pk]) + "?lang=fr")
    assert answer.status_code == 400 and "Summarise the facts." in answer.content.decode()
    answer = client.get(reverse("cooperation:request_document", args=[request.pk]) + "?lang=xx")
    assert answer.status_code == 400
