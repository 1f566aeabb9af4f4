"""Access: only the two States see a request, unless shared; every read is recorded; the API end to end."""

import datetime

from django.urls import reverse

from ctassist.cooperation import services
from ctassist.cooperation.models import CooperationRequest
from ctassist.cooperation.tests.conftest import COMPLETE_MLA, authority, draft_mla
from ctassist.core.models import ChangeLogEntry, DomainEvent

D = datetime.date


def sent(actors):
    request = draft_mla(actors)
    request = services.finalise(acting_user=actors.focal_point, request=request, expected_version=request.version)
    return services.move(acting_user=actors.focal_point, request=request, to="sent")


def test_every_read_is_recorded_with_its_channel(both_in_bombings, client):
    a = both_in_bombings
    request = sent(a)
    client.force_login(a.other_focal_point)
    assert client.get(request.get_absolute_url()).status_code == 200
    assert client.get(reverse("cooperation:request_list")).status_code == 200
    assert client.get(f"/api/cooperation/requests/{request.pk}/").status_code == 200
    assert client.get("/api/cooperation/requests/").status_code == 200
    reads = DomainEvent.objects.filter(type="cooperation.request_viewed", user=a.other_focal_point)
    assert sorted(e.data["via"] for e in reads) == ["api", "api-list", "page", "page-list"]
    assert all(request.pk in e.data["requests"] for e in reads)
    # Showing the requested authority's contact details is recorded as the directory records it.
    assert DomainEvent.objects.filter(type="directory.contact_viewed", data__via="cooperation").exists()


def test_sharing_for_assistance_opens_the_case_to_unodc_and_is_logged(both_in_bombings, client):
    a = both_in_bombings
    request = sent(a)
    client.force_login(a.officer)
    assert client.get(request.get_absolute_url()).status_code == 404
    client.force_login(a.other_focal_point)  # only the recording State shares
    client.post(reverse("cooperation:request_share", args=[request.pk]), {"shared": "on", "reason": "x"})
    request.refresh_from_db()
    assert not request.shared_for_assistance
    client.force_login(a.focal_point)
    answer = client.post(reverse("cooperation:request_share", args=[request.pk]), {"shared": "on"})
    request.refresh_from_db()
    assert answer.status_code == 302 and not request.shared_for_assistance  # a reason is required
    client.post(reverse("cooperation:request_share", args=[request.pk]),
                {"shared": "on", "reason": "Advice on electronic evidence (test)."})  # fmt: skip
    request.refresh_from_db()
    assert request.shared_for_assistance
    event = DomainEvent.objects.get(type="cooperation.request_shared")
    assert event.data["reason"] == "Advice on electronic evidence (test)." and event.user == a.focal_point
    assert ChangeLogEntry.objects.filter(object_id=str(request.pk), after__shared_for_assistance=True).exists()
    client.force_login(a.officer)
    assert client.get(request.get_absolute_url()).status_code == 200
    assert client.post(reverse("cooperation:request_move", args=[request.pk]), {"to": "withdrawn"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "sent"  # UNODC reads a shared case, never changes it
    client.force_login(a.donor)
    assert client.get(request.get_absolute_url()).status_code == 403


def test_the_api_drafts_finalises_and_sends_a_request(both_in_bombings, client):
    a = both_in_bombings
    entry = authority(a.other_state)
    client.force_login(a.focal_point)
    created = client.post("/api/cooperation/requests/", {"kind": "mla", "counterpart": "PER"},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["requesting_state"] == "KEN" and body["requested_state"] == "PER"
    assert {m["step"] for m in body["missing"]} >= {"authority", "basis", "facts", "assistance"}
    url = f"/api/cooperation/requests/{body['id']}/"
    refused = client.post(url + "finalise/")
    assert refused.status_code == 400 and "facts" in refused.json()
    fields = {**COMPLETE_MLA, "offence_date": "2024-05-03", "requested_authority": entry.pk,
              "instruments": ["bombings-1997"]}  # fmt: skip
    assert client.patch(url, fields, content_type="application/json").status_code == 428
    etag = client.get(url)["ETag"]
    patched = client.patch(url, fields, content_type="application/json", HTTP_IF_MATCH=etag)
    assert patched.status_code == 200, patched.content
    assert patched.json()["missing"] == [] and patched.json()["assistance"] == ["preservation", "subscriber"]
    assert client.patch(url, {"facts": "late"}, content_type="application/json", HTTP_IF_MATCH=etag).status_code == 412
    assert client.post(url + "finalise/").status_code == 200
    document = client.get(url + "document/?lang=es")
    assert document.status_code == 200 and document.content[:2] == b"PK"
    moved = client.post(url + "move/", {"to": "sent", "date": "2025-01-10"}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["status"] == "sent"
    bad = client.post(url + "move/", {"to": "dreaming"}, content_type="application/json")
    assert bad.status_code == 400 and "to" in bad.json()
    client.force_login(a.other_focal_point)
    steps = client.get(f"/api/cooperation/steps/?request={body['id']}").json()
    rows = steps.get("results", steps)
    assert [s["status"] for s in rows] == ["sent"]


def test_the_api_refuses_bad_input_with_clear_errors(actors, client):
    client.force_login(actors.focal_point)
    same = client.post("/api/cooperation/requests/", {"kind": "mla", "counterpart": "KEN"},
                       content_type="application/json")  # fmt: skip
    assert same.status_code == 400 and "requested_state" in same.json()
    nowhere = client.post("/api/cooperation/requests/", {"kind": "mla", "counterpart": "XXX"},
                          content_type="application/json")  # fmt: skip
    assert nowhere.status_code == 400 and "counterpart" in nowhere.json()
    incoming = client.post("/api/cooperation/requests/", {"kind": "mla", "counterpart": "PER", "direction": "incoming"},
                           content_type="application/json")  # fmt: skip
    assert incoming.status_code == 400 and "received_on" in incoming.json()
    assert CooperationRequest.objects.count() == 0
    client.force_login(actors.officer)
    assert client.post("/api/cooperation/requests/", {"kind": "mla", "counterpart": "PER"},
                       content_type="application/json").status_code == 403  # fmt: skip


def test_the_treaty_basis_page_and_api(both_in_bombings, client):
    from ctassist.cooperation.tests.conftest import reserve

    reserve(both_in_bombings.other_state, "bombings-1997", D(2003, 6, 10), "Not bound by article 10 (test text).")
    page = client.get(reverse("cooperation:basis"), {"requesting": "KEN", "requested": "PER", "offence": "bombing",
                                                     "date": "2024-01-01"})  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 200 and "International Convention for the Suppression of Terrorist Bombings" in html
    assert "Not bound by article 10 (test text)." in html
    api = client.get("/api/cooperation/basis/", {"requesting": "KEN", "requested": "PER", "offence": "bombing",
                                                 "date": "2024-01-01"}).json()  # fmt: skip
    articles = {r["article"]: r for r in api["instruments"][0]["articles"]}
    assert articles["10"]["kind"] == "mla" and articles["10"]["reservations"][0]["state"] == "PER"
    assert articles["10"]["source_file"] == "terrorist_bombings_1997_BWBV0001520.md"
    assert client.get("/api/cooperation/basis/", {"requesting": "KEN", "requested": "KEN",
                                                  "offence": "bombing"}).status_code == 400  # fmt: skip
    assert client.get(reverse("cooperation:basis"), {"requesting": "KEN", "offence": "nothing"}).status_code == 400
