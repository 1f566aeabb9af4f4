from ctassist.assistance import demo as assistance_demo
from ctassist.core import demo_registry
from ctassist.funding import demo, queries
from ctassist.funding.models import ActivityCharge, Contribution, Donor, Project


def test_registered_after_assistance():
    orders = {g.key: g.order for g in demo_registry.generators()}
    assert orders["funding"] == 60 and orders["funding"] > orders["assistance"]


def test_generator_links_projects_to_demo_activities(actors):
    assistance_demo.generate(scale=1, seed=7)
    summary = demo.run(scale=1, seed=7)
    assert "8 projects" in summary
    assert Project.objects.count() == 8 and not Project.objects.filter(is_demo=False).exists()
    names = set(Donor.objects.filter(is_demo=True).values_list("organisation__name", flat=True))
    assert {"Demonstration donor A", "Demonstration donor B", "Demonstration donor C"} <= names
    assert not Contribution.objects.filter(is_demo=False).exists()
    charges = ActivityCharge.objects.select_related("activity", "project")
    assert charges.count() > 100 and all(c.activity.is_demo and c.is_demo for c in charges)
    assert all(c.project.start_date <= c.activity.start_date <= c.project.end_date for c in charges)
    # Every contribution is valid, and its stored USD equivalent is amount × rate.
    for c in Contribution.objects.all():
        c.full_clean()
        assert c.usd_amount == c.compute_usd()
    assert {"pledged", "committed", "received"} <= set(Contribution.objects.values_list("status", flat=True))
    assert Contribution.objects.filter(kind="in_kind").exists()
    assert queries.contributions_received(actors.officer, None, None)
    # Running again replaces rather than adds, and scale multiplies.
    demo.run(scale=2, seed=7)
    assert Project.objects.count() == 16
    # The assistance generator can run again over charged activities (charges go with them).
    assistance_demo.generate(scale=1, seed=8)
    assert not ActivityCharge.objects.exists()
