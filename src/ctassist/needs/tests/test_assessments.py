"""States' self-assessments: the focal point answers its own State's checklist, UNODC validates or returns it;
a validated one becomes a final legislative review whose gaps are proposed as needs for the officer to confirm."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ctassist.core.services import EditConflict, TransitionRefused
from ctassist.library import checklists
from ctassist.library.choices import Incorporation, ReviewStatus
from ctassist.library.tests.factories import law
from ctassist.needs import services
from ctassist.needs.choices import AssessmentStatus, NeedSource, NeedStatus
from ctassist.needs.models import AssessmentAnswer, Need, SelfAssessment
from ctassist.needs.tests.factories import answer_all, make_assessment, submitted_assessment
from ctassist.treaties.models import Instrument

pytestmark = pytest.mark.django_db


def test_starting_copies_the_instruments_checklist_with_articles(actors):
    assessment = make_assessment(actors)
    items = checklists.items_for("hostages-1979")
    answers = list(assessment.answers.order_by("position"))
    assert [(a.item_key, a.article, a.requirement) for a in answers] == [(i.key, i.article, i.requirement)
                                                                         for i in items]  # fmt: skip
    assert {a.status for a in answers} == {""}
    # The safeguard clauses are part of it (fair treatment, non-discrimination, asylum treaties).
    assert {"Art. 8(2)", "Art. 9(1)", "Art. 15"} <= {a.article for a in answers if a.category == "safeguards"}
    assert assessment.status == AssessmentStatus.DRAFT and assessment.started_by == actors.focal_point


def test_one_self_assessment_under_way_per_state_and_instrument(actors):
    make_assessment(actors)
    with pytest.raises(ValidationError) as caught:
        make_assessment(actors)
    assert "instrument" in caught.value.message_dict
    assert SelfAssessment.objects.filter(state=actors.state).count() == 1


def test_every_instrument_has_a_checklist_and_one_without_is_refused(actors, monkeypatch):
    assert set(Instrument.objects.values_list("code", flat=True)) <= set(checklists.checklists())
    instrument = Instrument.objects.get(code="hostages-1979")
    monkeypatch.setattr(checklists, "items_for", lambda code: ())
    with pytest.raises(ValidationError) as caught:
        services.start_assessment(acting_user=actors.focal_point, state=actors.state, instrument=instrument)
    assert "instrument" in caught.value.message_dict
    assert not SelfAssessment.objects.exists()


@pytest.mark.parametrize("who", ["officer", "other_focal_point", "partner", "donor"])
def test_only_the_states_own_focal_point_starts_one(actors, who):
    with pytest.raises(PermissionDenied):
        services.start_assessment(acting_user=actors.user(who), state=actors.state,
                                  instrument=Instrument.objects.get(code="hostages-1979"))  # fmt: skip
    assert not SelfAssessment.objects.exists()


def test_answers_cite_the_states_own_provisions(actors):
    assessment = make_assessment(actors)
    answer = assessment.answers.order_by("position").first()
    with pytest.raises(ValidationError) as caught:
        services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.FULLY)
    assert "provisions" in caught.value.message_dict
    foreign = law(actors.other_state).provisions.first()
    with pytest.raises(ValidationError) as caught:
        services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.FULLY,
                             provisions=[foreign])  # fmt: skip
    assert "provisions" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.answer_item(acting_user=actors.focal_point, answer=answer, status="maybe")
    assert "status" in caught.value.message_dict
    answer.refresh_from_db()
    assert answer.status == "" and not answer.provisions.exists() and answer.version == 1
    own = law(actors.state).provisions.first()
    services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.FULLY, provisions=[own],
                         expected_version=answer.version)  # fmt: skip
    answer.refresh_from_db()
    assert answer.status == Incorporation.FULLY and list(answer.provisions.all()) == [own]


def test_a_stale_answer_is_refused(actors):
    answer = make_assessment(actors).answers.first()
    services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.NOT)
    with pytest.raises(EditConflict):
        services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.NOT_APPLICABLE,
                             expected_version=1)  # fmt: skip
    answer.refresh_from_db()
    assert answer.status == Incorporation.NOT


@pytest.mark.parametrize("who", ["officer", "other_focal_point", "partner", "donor"])
def test_nobody_but_the_states_focal_point_answers(actors, who):
    answer = make_assessment(actors).answers.first()
    with pytest.raises(PermissionDenied):
        services.answer_item(acting_user=actors.user(who), answer=answer, status=Incorporation.NOT)
    answer.refresh_from_db()
    assert answer.status == ""


def test_submitting_needs_every_item_answered(actors):
    assessment = make_assessment(actors)
    with pytest.raises(ValidationError) as caught:
        services.submit_assessment(acting_user=actors.focal_point, assessment=assessment)
    assert "not answered" in caught.value.messages[0]
    answer_all(actors, assessment)
    submitted = services.submit_assessment(acting_user=actors.focal_point, assessment=assessment)
    assert submitted.status == AssessmentStatus.SUBMITTED and submitted.submitted_on is not None
    # Submitted: the State no longer changes it.
    with pytest.raises(PermissionDenied):
        services.answer_item(acting_user=actors.focal_point, answer=assessment.answers.first(),
                             status=Incorporation.NOT)  # fmt: skip
    with pytest.raises(TransitionRefused):
        services.submit_assessment(acting_user=actors.focal_point, assessment=submitted)


def test_unodc_returns_with_comments_and_the_state_answers_again(actors):
    assessment = submitted_assessment(actors)
    with pytest.raises(TransitionRefused):
        services.return_assessment(acting_user=actors.focal_point, assessment=assessment, comments="Mine")
    with pytest.raises(ValidationError) as caught:
        services.return_assessment(acting_user=actors.officer, assessment=assessment, comments="  ")
    assert "comments" in caught.value.message_dict
    returned = services.return_assessment(acting_user=actors.officer, assessment=assessment,
                                          comments="Cite the Penal Code for article 9.")  # fmt: skip
    assert returned.status == AssessmentStatus.RETURNED
    answer = returned.answers.order_by("position").first()
    services.answer_item(acting_user=actors.focal_point, answer=answer, status=Incorporation.NOT_APPLICABLE)
    again = services.submit_assessment(acting_user=actors.focal_point, assessment=returned)
    assert again.status == AssessmentStatus.SUBMITTED


def test_a_validated_self_assessment_becomes_a_final_review_and_proposes_its_gaps(actors):
    assessment = submitted_assessment(actors)  # 2 not incorporated, 1 partly, the rest fully
    with pytest.raises(TransitionRefused):
        services.validate_assessment(acting_user=actors.focal_point, assessment=assessment)
    validated = services.validate_assessment(acting_user=actors.officer, assessment=assessment, comments="Thank you.")
    assert validated.status == AssessmentStatus.VALIDATED and validated.validated_on is not None
    review = validated.review
    assert review.status == ReviewStatus.FINAL and review.state == actors.state
    assert [i.code for i in review.instruments.all()] == ["hostages-1979"]
    answers = {a.item_key: a for a in validated.answers.all()}
    for item in review.items.all():
        answer = answers[item.item_key]
        assert (item.status, item.comment) == (answer.status, answer.comment)
        assert set(item.provisions.all()) == set(answer.provisions.all())
    proposed = Need.objects.filter(review=review)
    assert proposed.count() == 3
    assert {(n.status, n.source, n.state_id) for n in proposed} == {
        (NeedStatus.PROPOSED, NeedSource.LEGISLATIVE_REVIEW, actors.state.pk)}  # fmt: skip
    # The officer confirms one; validating twice is refused.
    services.change_status(acting_user=actors.officer, need=proposed.first(), to=NeedStatus.OPEN)
    with pytest.raises(TransitionRefused):
        services.validate_assessment(acting_user=actors.officer, assessment=validated)


def test_who_sees_self_assessments(actors):
    own = make_assessment(actors)
    other = make_assessment(actors, state=actors.other_state)
    visible = {who: set(SelfAssessment.objects.restrict(actors.user(who)).values_list("pk", flat=True))
               for who in ("officer", "focal_point", "other_focal_point", "partner", "donor", "anonymous")}  # fmt: skip
    assert visible["officer"] == {own.pk, other.pk}
    assert visible["focal_point"] == {own.pk}
    assert visible["other_focal_point"] == {other.pk}
    assert visible["partner"] == visible["donor"] == visible["anonymous"] == set()
    assert not AssessmentAnswer.objects.restrict(actors.partner).exists()


# -- pages ------------------------------------------------------------------------------------


def test_the_focal_point_goes_through_the_pages(client, actors):
    client.force_login(actors.focal_point)
    instrument = Instrument.objects.get(code="hostages-1979")
    response = client.post(reverse("needs:assessment_start"), {"state": actors.state.pk, "instrument": instrument.pk})
    assessment = SelfAssessment.objects.get(state=actors.state)
    assert response.status_code == 302 and response.url == assessment.get_absolute_url()
    page = client.get(assessment.get_absolute_url())
    assert page.status_code == 200 and "Art. 9(1)" in page.content.decode()
    answer = assessment.answers.order_by("position").first()
    bad = client.post(reverse("needs:assessment_answer", args=[answer.pk]),
                      {f"a{answer.pk}-status": "fully", f"a{answer.pk}-version": 1}, follow=True)  # fmt: skip
    assert "Cite the provisions" in bad.content.decode()
    client.post(reverse("needs:assessment_answer", args=[answer.pk]),
                {f"a{answer.pk}-status": "not", f"a{answer.pk}-comment": "No offence yet", f"a{answer.pk}-version": 1})
    answer.refresh_from_db()
    assert (answer.status, answer.comment) == ("not", "No offence yet")
    refused = client.post(reverse("needs:assessment_submit", args=[assessment.pk]), follow=True)
    assert "not answered" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_the_officer_validates_through_the_page(client, actors):
    assessment = submitted_assessment(actors)
    client.force_login(actors.focal_point)
    assert client.post(reverse("needs:assessment_decision", args=[assessment.pk]),
                       {"decision": "validate"}).status_code == 403  # fmt: skip
    client.force_login(actors.officer)
    page = client.get(assessment.get_absolute_url())
    assert "Record the decision" in page.content.decode()
    client.post(reverse("needs:assessment_decision", args=[assessment.pk]), {"decision": "validate"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.VALIDATED
    page = client.get(assessment.get_absolute_url())
    assert assessment.review.get_absolute_url() in page.content.decode()
    assert Need.objects.filter(review=assessment.review, status=NeedStatus.PROPOSED).count() == 3


def test_the_list_keeps_a_fixed_number_of_queries(client, actors, django_assert_max_num_queries):
    client.force_login(actors.officer)
    make_assessment(actors)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("needs:assessment_list")).status_code == 200
    for code in ("bombings-1997", "financing-1999", "untoc-2000"):
        make_assessment(actors, code=code)
        make_assessment(actors, state=actors.other_state, code=code)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("needs:assessment_list")).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("selfassessment-list")).status_code == 200


# -- API --------------------------------------------------------------------------------------


def test_the_api_path(client, actors):
    client.force_login(actors.focal_point)
    created = client.post(reverse("selfassessment-list"), {"state": actors.state.iso3, "instrument": "hostages-1979"},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = client.post(reverse("selfassessment-list"), {"state": actors.state.iso3, "instrument": "nothing"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and "instrument" in bad.json()
    answers = client.get(reverse("assessmentanswer-list"), {"assessment": pk}).json()["results"]
    provision = law(actors.state).provisions.first()
    for index, row in enumerate(answers):
        url = reverse("assessmentanswer-detail", args=[row["id"]])
        assert client.patch(url, {"status": "not"}, content_type="application/json").status_code == 428
        etag = client.get(url)["ETag"]
        body = {"status": "not"} if index == 0 else {"status": "fully", "provisions": [provision.pk]}
        answered = client.patch(url, body, content_type="application/json", headers={"If-Match": etag})
        assert answered.status_code == 200, answered.content
        stale = client.patch(url, {"status": "n/a"}, content_type="application/json", headers={"If-Match": etag})
        assert stale.status_code == 412
    submitted = client.post(reverse("selfassessment-submit", args=[pk]))
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.post(reverse("selfassessment-decision", args=[pk]), {"decision": "validate"},
                       content_type="application/json").status_code == 403  # fmt: skip
    client.force_login(actors.officer)
    returned = client.post(reverse("selfassessment-decision", args=[pk]), {"decision": "return"},
                           content_type="application/json")  # fmt: skip
    assert returned.status_code == 400 and "comments" in returned.json()
    done = client.post(reverse("selfassessment-decision", args=[pk]), {"decision": "validate"},
                       content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "validated" and done.json()["review"]
    assert Need.objects.filter(review_id=done.json()["review"], status=NeedStatus.PROPOSED).count() == 1
    client.force_login(actors.partner)
    assert client.get(reverse("selfassessment-detail", args=[pk])).status_code == 404
