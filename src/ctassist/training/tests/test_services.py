import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctassist.assistance import services as assistance_services
from ctassist.assistance.models import ParticipantCount
from ctassist.core.importing import ImportRejected, read_text
from ctassist.core.models import DomainEvent
from ctassist.training import queries, services
from ctassist.training.importing import ResultsImporter
from ctassist.training.models import Certificate, Nomination, Person
from ctassist.training.tests import factories

pytestmark = pytest.mark.django_db


def counts(activity):
    return {(c.state.iso3, c.sex, c.agency): c.count for c in ParticipantCount.objects.filter(activity=activity)}


def test_only_a_published_course_has_sessions(actors):
    draft = factories.make_course(code="draft", status="draft")
    with pytest.raises(ValidationError) as exc:
        factories.make_session(actors, course=draft)
    assert "course" in exc.value.message_dict


def test_a_focal_point_nominates_its_own_state_and_the_person_is_recorded_once(actors):
    session = factories.make_session(actors)
    nomination = factories.nominate(actors, session, 1)
    assert nomination.state == actors.state and nomination.status == "nominated"
    other_session = factories.make_session(actors, course=session.course)
    again = factories.nominate(actors, other_session, 1, identifier="  OFFICIAL1@Justice.example ", function="Judge")
    assert again.person_id == nomination.person_id
    assert Person.objects.count() == 1
    assert Person.objects.get().function == "Judge"


def test_a_nomination_needs_consent_and_seats_for_the_state(actors):
    session = factories.make_session(actors)
    with pytest.raises(ValidationError) as exc:
        factories.nominate(actors, session, 1, consent=False)
    assert "consent" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        factories.nominate(actors, session, 2, user="other_focal_point")
    assert "state" in exc.value.message_dict
    assert not Nomination.objects.exists() and not Person.objects.exists()


def test_an_identifier_of_another_states_official_is_refused(actors):
    session = factories.make_session(actors, seats={actors.state: 2, actors.other_state: 2})
    factories.nominate(actors, session, 1)
    with pytest.raises(ValidationError) as exc:
        factories.nominate(actors, session, 1, user="other_focal_point")
    assert "identifier" in exc.value.message_dict


def test_accepting_beyond_the_seats_goes_to_the_waiting_list_and_a_decline_promotes(actors):
    session = factories.make_session(actors, seats={actors.state: 1})
    first, second = factories.nominate(actors, session, 1), factories.nominate(actors, session, 2)
    assert services.decide(acting_user=actors.officer, nomination=first, decision="accepted").status == "accepted"
    assert services.decide(acting_user=actors.officer, nomination=second, decision="accepted").status == "waitlisted"
    with pytest.raises(ValidationError):
        services.decide(acting_user=actors.officer, nomination=first, decision="declined")  # no reason
    services.decide(acting_user=actors.officer, nomination=first, decision="declined", reason="Changed post")
    second.refresh_from_db()
    assert second.status == "accepted"


def test_only_unodc_decides(actors):
    nomination = factories.nominate(actors, factories.make_session(actors), 1)
    with pytest.raises(PermissionDenied):
        services.decide(acting_user=actors.focal_point, nomination=nomination, decision="accepted")


def test_counts_come_from_enrolments_and_are_never_typed_twice(actors):
    session = factories.make_session(actors, seats={actors.state: 5})
    activity = session.activity
    # Before any enrolment the counts are typed as usual.
    assistance_services.set_participant_count(
        acting_user=actors.officer, activity=activity, state=actors.state, sex="men", agency="police", count=7
    )
    a = factories.nominate(actors, session, 1)  # women, prosecution
    b = factories.nominate(actors, session, 2)  # men, prosecution
    services.decide(acting_user=actors.officer, nomination=a, decision="accepted")
    assert counts(activity) == {("KEN", "women", "prosecution"): 1}
    services.decide(acting_user=actors.officer, nomination=b, decision="accepted")
    assert counts(activity) == {("KEN", "women", "prosecution"): 1, ("KEN", "men", "prosecution"): 1}
    with pytest.raises(ValidationError):
        assistance_services.set_participant_count(
            acting_user=actors.officer, activity=activity, state=actors.state, sex="men", agency="police", count=3
        )
    services.decide(acting_user=actors.officer, nomination=b, decision="declined", reason="Did not come")
    assert counts(activity) == {("KEN", "women", "prosecution"): 1}


def test_attendance_only_on_the_days_of_the_session(actors):
    nomination = factories.enrolled(actors)
    session = nomination.session
    with pytest.raises(ValidationError):
        services.record_attendance(
            acting_user=actors.officer, session=session, present={nomination.pk: [datetime.date(2020, 1, 1)]}
        )
    assert services.record_attendance(acting_user=actors.officer, session=session,
                                      present={nomination.pk: session.days()[:2]}) == 3  # fmt: skip
    assert [a.present for a in nomination.attendance.order_by("day")] == [True, True, False]
    services.record_attendance(acting_user=actors.officer, session=session, present={nomination.pk: session.days()[:1]})
    assert [a.present for a in nomination.attendance.order_by("day")] == [True, False, False]


def test_knowledge_gain_per_session_and_course(actors):
    session = factories.make_session(actors, seats={actors.state: 3})
    a, b = factories.enrolled(actors, session, 1), factories.enrolled(actors, session, 2)
    services.record_results(acting_user=actors.officer, nomination=a, pre_score="40", post_score="80", satisfaction=5)
    services.record_results(acting_user=actors.officer, nomination=b, pre_score="50", post_score="70", satisfaction=4)
    results = queries.session_results(session)
    assert (results.tested, results.pre, results.post, results.gain) == (2, Decimal("45.0"), Decimal("75.0"),
                                                                          Decimal("30.0"))  # fmt: skip
    assert results.satisfaction == Decimal("4.5")
    assert queries.course_results(session.course).gain == Decimal("30.0")


def test_results_import_names_bad_rows_and_writes_nothing(actors):
    session = factories.make_session(actors, seats={actors.state: 3})
    a = factories.enrolled(actors, session, 1)
    factories.enrolled(actors, session, 2)
    table = read_text(
        "identifier,pre,post,satisfaction\n"
        "official1@justice.example,40,80,5\n"
        "official2@justice.example,abc,120,9\n"
        "nobody@example.org,10,20,3\n"
    )
    plan = ResultsImporter(session).preview(table)
    errors = plan.errors
    assert any("row 3" in e and "pre" in e for e in errors)
    assert any("row 3" in e and "post" in e for e in errors)
    assert any("row 3" in e and "satisfaction" in e for e in errors)
    assert any("row 4" in e and "identifier" in e for e in errors)
    with pytest.raises(ImportRejected):
        ResultsImporter(session).run(table, acting_user=actors.officer)
    a.refresh_from_db()
    assert a.pre_score is None


def test_results_import_writes_a_clean_table(actors):
    session = factories.make_session(actors)
    a = factories.enrolled(actors, session, 1)
    table = read_text("Identifier,Pre,Post,Satisfaction\nOFFICIAL1@justice.example,40%,85.5,4\n")
    ResultsImporter(session).run(table, acting_user=actors.officer)
    a.refresh_from_db()
    assert (a.pre_score, a.post_score, a.satisfaction) == (Decimal("40.00"), Decimal("85.50"), 4)


def test_certificates_follow_the_completion_rule_and_verify(actors):
    course = factories.make_course(min_post_score=Decimal("60"))
    session = factories.make_session(actors, course=course, seats={actors.state: 3})
    good, absent, failed = (factories.enrolled(actors, session, n) for n in (1, 2, 3))
    days = session.days()
    services.record_attendance(acting_user=actors.officer, session=session,
                               present={good.pk: days, absent.pk: days[:1], failed.pk: days})  # fmt: skip
    for nomination, score in ((good, "75"), (absent, "90"), (failed, "50")):
        services.record_results(acting_user=actors.officer, nomination=nomination, pre_score="30", post_score=score)
    issued = services.issue_certificates(acting_user=actors.officer, session=session)
    assert [c.nomination_id for c in issued] == [good.pk]
    assert services.issue_certificates(acting_user=actors.officer, session=session) == []
    certificate = issued[0]
    seen = queries.verify(certificate.code.lower())
    assert seen == queries.Verification(name="Official Number1", course=course.title, date=certificate.issued_on,
                                        valid=True)  # fmt: skip
    with pytest.raises(ValidationError):
        services.revoke_certificate(acting_user=actors.officer, certificate=certificate, reason=" ")
    services.revoke_certificate(acting_user=actors.officer, certificate=certificate, reason="Issued in error")
    assert queries.verify(certificate.code).valid is False
    assert queries.verify("NOPE-NOPE-NOPE") is None


def test_certificate_pdf_is_a_pdf_in_the_participants_language(actors):
    from ctassist.training.pdf import certificate_language, certificate_pdf

    nomination = factories.certified(actors)
    certificate = nomination.certificate
    assert certificate_pdf(certificate, verify_url="https://example.org/v").startswith(b"%PDF")
    certificate.language = "fr"
    assert certificate_language(certificate) == "fr"
    certificate.language = "zh"
    assert certificate_language(certificate) == "zh-hans"
    certificate.language = "pt"
    assert certificate_language(certificate) == "en"


def test_duplicates_are_reviewed_and_merged(actors):
    s1 = factories.make_session(actors)
    s2 = factories.make_session(actors, course=s1.course)
    first = factories.nominate(actors, s1, 1, full_name="Amina  Odhiambo")
    second = factories.nominate(actors, s2, 2, full_name="amina odhiambo")
    pairs = queries.duplicate_candidates(Person.objects.all())
    assert pairs == [(first.person, second.person)]
    with pytest.raises(PermissionDenied):
        services.merge_people(acting_user=actors.focal_point, keep=first.person, duplicate=second.person)
    services.merge_people(acting_user=actors.officer, keep=first.person, duplicate=second.person)
    second.refresh_from_db()
    assert second.person_id == first.person_id
    assert queries.duplicate_candidates(Person.objects.all()) == []
    # The duplicate's identifier now leads to the kept record.
    s3 = factories.make_session(actors, course=s1.course)
    third = factories.nominate(actors, s3, 2)
    assert third.person_id == first.person_id
    assert DomainEvent.objects.filter(type="training.people_merged").exists()


def test_erasure_keeps_counts_and_certificates_but_not_the_data(actors):
    nomination = factories.certified(actors)
    person = nomination.person
    with pytest.raises(PermissionDenied):
        services.erase_person(acting_user=actors.focal_point, person=person)
    services.erase_person(acting_user=actors.officer, person=person)
    person.refresh_from_db()
    assert (person.full_name, person.email, person.phone, person.function) == (services.ERASED, "", "", "")
    assert person.sex == "women"
    assert counts(nomination.session.activity) == {("KEN", "women", "prosecution"): 1}
    assert queries.verify(Certificate.objects.get().code).name == services.ERASED


def test_erase_expired_after_the_retention_period(actors):
    nomination = factories.enrolled(actors)
    end = nomination.session.activity.end_date
    assert services.erase_expired(acting_user=None, retention_days=365, today=end + datetime.timedelta(days=10)) == 0
    assert services.erase_expired(acting_user=None, retention_days=365, today=end + datetime.timedelta(days=400)) == 1
    assert Person.objects.get().erased_at is not None


def _xapi(mbox, verb, object_id, score=None):
    statement = {"actor": {"mbox": f"mailto:{mbox}"}, "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
                 "object": {"id": object_id}}  # fmt: skip
    if score is not None:
        statement["result"] = {"score": score}
    return statement


def test_xapi_statements_import_scores_and_completion(actors):
    import json

    from ctassist.training.importing import XapiImporter

    session = factories.make_session(actors)
    a = factories.enrolled(actors, session, 1)
    statements = [
        _xapi("official1@justice.example", "scored", "https://lms.example/ct/pre-test", {"scaled": 0.4}),
        _xapi("official1@justice.example", "passed", "https://lms.example/ct/final", {"raw": 17, "max": 20}),
    ]
    importer = XapiImporter(session)
    table = importer.read(text=json.dumps({"statements": statements}))
    importer.run(table, acting_user=actors.officer)
    a.refresh_from_db()
    assert (a.pre_score, a.post_score) == (Decimal("40.00"), Decimal("85.00"))
    assert a.attendance.filter(present=True).count() == len(session.days())


def test_xapi_bad_statements_are_named_and_nothing_is_written(actors):
    import json

    from ctassist.training.importing import XapiImporter

    session = factories.make_session(actors)
    a = factories.enrolled(actors, session, 1)
    statements = [
        _xapi("official1@justice.example", "scored", "https://lms.example/ct/final", {"scaled": 0.9}),
        {"verb": {"id": "completed"}},
        _xapi("stranger@example.org", "completed", "https://lms.example/ct/final"),
        _xapi("official1@justice.example", "scored", "https://lms.example/ct/pre-test", {"scaled": 1.5}),
    ]
    importer = XapiImporter(session)
    errors = importer.preview(importer.read(text=json.dumps(statements))).errors
    assert any("row 2" in e and "identifier" in e for e in errors)
    assert any("row 3" in e and "not enrolled" in e for e in errors)
    assert any("row 1" in e and "pre" in e for e in errors)
    with pytest.raises(ImportRejected):
        importer.run(importer.read(text=json.dumps(statements)), acting_user=actors.officer)
    a.refresh_from_db()
    assert a.post_score is None and not a.attendance.exists()
    with pytest.raises(ImportRejected):
        importer.read(text="{not json")


@pytest.mark.parametrize(("language", "expected"), [("ar", "ar"), ("zh", "zh-hans"), ("ru", "ru")])
def test_certificate_pdf_in_each_language_has_every_glyph(actors, language, expected, caplog):
    import logging

    from django.utils import translation
    from django.utils.translation import gettext

    from ctassist.core.pdf import cjk_fonts
    from ctassist.core.testing import pdf_glyphs
    from ctassist.training.pdf import certificate_pdf

    if language == "zh" and cjk_fonts() is None:
        pytest.skip("Noto Sans CJK (Debian fonts-noto-cjk) is not installed; .ci/run installs it")
    caplog.set_level(logging.WARNING, logger="ctassist.core.pdf")
    certificate = factories.certified(actors).certificate
    certificate.language = language
    glyphs = pdf_glyphs(certificate_pdf(certificate, verify_url="https://example.org/v"))
    with translation.override(expected):
        heading = gettext("Certificate of completion")
    assert heading != "Certificate of completion"
    assert "".join(heading.split()) in glyphs.compact()
    assert certificate.code in glyphs.text
    assert glyphs.notdef == []
    assert not [r for r in caplog.records if "without a glyph" in r.getMessage()]
