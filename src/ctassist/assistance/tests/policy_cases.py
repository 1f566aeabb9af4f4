from ctassist.assistance import models, services
from ctassist.assistance.tests import factories
from ctassist.core.testing import NOBODY, UNODC, PolicyCase, Urls
from ctassist.geo.tests.policy_cases import PUBLIC_REFERENCE

OWN_STATE = UNODC | {"focal_point"}
ACTIVITY_READERS = UNODC | {"focal_point", "partner"}
UNODC_ONLY = {"view": UNODC, "add": UNODC, "change": UNODC, "delete": UNODC}
ACTIVITY_PART = {"view": ACTIVITY_READERS, "add": UNODC, "change": UNODC, "delete": UNODC}


def _attachment(actors):
    from django.core.files.base import ContentFile

    req = factories.make_request(actors)
    return services.add_attachment(
        acting_user=None, assistance_request=req, title="Note verbale", file=ContentFile(b"x", "nv.pdf")
    )


def _activity(actors):
    return factories.make_activity(actors, [factories.make_request(actors)])


def _funded_activity(actors, by_other_donor=False):
    from decimal import Decimal

    from ctassist.funding import services as funding_services
    from ctassist.funding.tests import factories as funding_factories

    activity = _activity(actors)
    project = funding_factories.make_project(actors)
    donor = funding_factories.other_donor() if by_other_donor else funding_factories.donor_of(actors)
    funding_factories.contribute(donor, project=project)
    funding_services.charge_activity(acting_user=None, project=project, activity=activity, amount_usd=Decimal(1000))
    return activity


def _count(actors):
    activity = _activity(actors)
    return services.set_participant_count(
        acting_user=None, activity=activity, state=actors.state, sex="women", agency="police", count=4
    )


def _participant(actors):
    return services.add_participant(
        acting_user=None, activity=_activity(actors), state=actors.state, full_name="Test Person", consent=True
    )


def _indicator(actors):
    return services.save_indicator(acting_user=None, activity=_activity(actors), name="Knowledge test", target=80)


def _evaluation(actors):
    req = factories.walk_to(factories.make_request(actors), "completed", actors)
    return services.record_evaluation(acting_user=None, assistance_request=req, rating="satisfactory", summary="Met.")


CASES = [
    PolicyCase(models.Theme, make=lambda a: models.Theme.objects.get(code="training"), allowed=PUBLIC_REFERENCE),
    # A draft the focal point wrote for its own State: it may view, add, change, delete and act on it.
    PolicyCase(
        models.AssistanceRequest,
        make=lambda a: factories.make_request(a, acting_user=a.focal_point),
        allowed={
            "view": OWN_STATE,
            "add": OWN_STATE,
            "change": OWN_STATE,
            "delete": OWN_STATE,
            "transition": OWN_STATE,
            "assign": UNODC,
        },
        label="assistance.AssistanceRequest (draft)",
        urls=Urls.named(page="assistance:request_detail", api="request"),
    ),
    # A draft someone else entered for the State: the focal point may not delete it (only its author may).
    PolicyCase(
        models.AssistanceRequest,
        make=lambda a: factories.make_request(a),
        allowed={
            "view": OWN_STATE,
            "add": OWN_STATE,
            "change": OWN_STATE,
            "delete": UNODC,
            "transition": OWN_STATE,
            "assign": UNODC,
        },
        label="assistance.AssistanceRequest (draft by another)",
        urls=Urls.named(page="assistance:request_detail", api="request"),
    ),
    # Under review: the focal point can no longer change or delete it; UNODC cannot delete it either.
    PolicyCase(
        models.AssistanceRequest,
        make=lambda a: factories.walk_to(factories.make_request(a), "under_review", a),
        allowed={
            "view": OWN_STATE, "add": OWN_STATE, "change": UNODC, "delete": NOBODY, "transition": OWN_STATE,
            "assign": UNODC,
        },  # fmt: skip
        label="assistance.AssistanceRequest (under review)",
        urls=Urls.named(page="assistance:request_detail", api="request"),
    ),
    PolicyCase(
        models.RequestAttachment,
        make=_attachment,
        allowed={"view": OWN_STATE, "add": OWN_STATE, "change": OWN_STATE, "delete": OWN_STATE},
    ),
    PolicyCase(
        models.Activity,
        make=_activity,
        allowed={"view": ACTIVITY_READERS, "add": UNODC, "change": UNODC, "delete": UNODC},
        urls=Urls.named(page="assistance:activity_detail", api="activity"),
    ),
    PolicyCase(
        models.Activity,
        make=lambda a: factories.make_activity(a, partner=False, states=[a.other_state]),
        allowed={"view": UNODC | {"other_focal_point"}, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="assistance.Activity (other State, no partner)",
        urls=Urls.named(page="assistance:activity_detail", api="activity"),
    ),
    # The donor sees an activity charged to a project its contribution funds (not the one above).
    PolicyCase(
        models.Activity,
        make=lambda a: _funded_activity(a),
        allowed={"view": ACTIVITY_READERS | {"donor"}, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="assistance.Activity (funded by the donor's project)",
        urls=Urls.named(page="assistance:activity_detail", api="activity"),
    ),
    PolicyCase(
        models.Activity,
        make=lambda a: _funded_activity(a, by_other_donor=True),
        allowed={"view": ACTIVITY_READERS, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="assistance.Activity (funded by another donor's project)",
        urls=Urls.named(page="assistance:activity_detail", api="activity"),
    ),
    PolicyCase(
        models.Indicator,
        make=lambda a: services.save_indicator(acting_user=None, activity=_funded_activity(a), name="Laws", target=1),
        allowed={"view": ACTIVITY_READERS | {"donor"}, "add": UNODC, "change": UNODC, "delete": UNODC},
        label="assistance.Indicator (of an activity the donor funds)",
        urls=Urls.named(api="indicator"),
    ),
    PolicyCase(models.ActivityPartner, make=lambda a: _activity(a).partners.get(), allowed=ACTIVITY_PART),
    PolicyCase(models.ParticipantCount, make=_count, allowed=ACTIVITY_PART, urls=Urls.named(api="participantcount")),
    PolicyCase(models.Indicator, make=_indicator, allowed=ACTIVITY_PART, urls=Urls.named(api="indicator")),
    PolicyCase(models.Participant, make=_participant, allowed=UNODC_ONLY),
    PolicyCase(
        models.Evaluation,
        make=_evaluation,
        allowed={"view": OWN_STATE, "add": UNODC, "change": UNODC, "delete": UNODC},
        urls=Urls.named(api="evaluation"),
    ),
]
