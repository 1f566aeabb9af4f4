"""What the General Assembly reads: each activity counted once, the reconciliation annex, the
demonstration notice, UN editorial style over the whole DOCX text, and the structure of the report.

The data set is the hand-counted world of ``conftest`` plus three activities: one that fits no
section (a needs assessment on coordination), one on gender with thousands of participants, and
one on both ratification and border management (counted once, under ratification).
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.urls import reverse

from ctassist.assistance.models import Activity
from ctassist.reporting.builder import build_content
from ctassist.reporting.builder.demo import DEMO_NOTICE
from ctassist.reporting.builder.pillars import SECTIONS
from ctassist.reporting.docx import report_docx
from ctassist.reporting.tests.conftest import END, START, D, count, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra(world, actors):
    unattributed = make_activity(
        [actors.state], "coordination", D(2024, 5, 2), type="needs_assessment", title="Unattributed (u1)"
    )
    gender = make_activity(
        [actors.state, actors.other_state], "gender", D(2024, 6, 2), type="workshop", title="Gender (g1)"
    )
    count(gender, actors.state, "women", 2264)
    count(gender, actors.other_state, "men", 3539)
    both = make_activity([actors.other_state], "ratification", D(2024, 8, 2), type="workshop", title="Both (b1)")
    both.themes.add(*Activity.themes.field.related_model.objects.filter(code="border-management"))
    return {"unattributed": unattributed, "gender": gender, "both": both}


def content_of(world, actors):
    return build_content(world.resolution, START, END, actors.officer)


def counted_ids(content):
    return {s.key: set(content["figures"].get(f"{s.key}.activities", {}).get("ids", [])) for s in SECTIONS}


def test_section_counts_sum_to_the_distinct_total(world, actors, extra):
    content = content_of(world, actors)
    by_section = counted_ids(content)
    total = set(content["figures"]["all.activities"]["ids"])
    unattributed = set(content["figures"]["unattributed.activities"]["ids"])
    counts = [len(ids) for ids in by_section.values()]
    assert sum(counts) + len(unattributed) == len(total) == 7
    union = set().union(*by_section.values())
    assert len(union) == sum(counts), "an activity is counted in two sections"
    assert union | unattributed == total and not union & unattributed
    assert by_section["ratification"] == {world.a6.pk, extra["both"].pk}
    assert by_section["borders"] == {world.a7.pk}
    assert by_section["gender"] == {extra["gender"].pk}
    assert by_section["capacity"] == {world.a1.pk, world.a2.pk}


def test_reconciliation_annex_lists_exactly_the_unattributed(world, actors, extra):
    content = content_of(world, actors)
    reconciliation, unattributed = content["annexes"][1], content["annexes"][2]
    assert unattributed["title"] == "Activities attributed to no section"
    assert [row[1] for row in unattributed["rows"]] == ["Unattributed (u1)"]
    assert content["figures"]["unattributed.activities"]["ids"] == [extra["unattributed"].pk]
    rows = {row[0]: row[1] for row in reconciliation["rows"]}
    assert rows["Ratification and legislative incorporation"] == "2"
    assert rows["Capacity-building of criminal justice officials"] == "2"
    assert rows["Attributed to no section"] == {"f": "unattributed.activities"}
    assert rows["Total activities delivered"] == {"f": "all.activities"}
    shown = sum(int(v) for v in rows.values() if isinstance(v, str))
    assert shown + 1 == content["figures"]["all.activities"]["value"]


def test_without_unattributed_activities_the_annex_is_empty_and_challenges_say_nothing(world, actors):
    content = content_of(world, actors)
    assert content["annexes"][2]["rows"] == []
    text = docx_text(report_docx(content))
    assert "did not allow" not in text


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_demonstration_notice_on_the_first_page_and_every_footer(world, actors, extra, client_for,
                                                                   django_capture_on_commit_callbacks):  # fmt: skip
    from ctassist.reporting import services

    Activity.objects.filter(pk=extra["gender"].pk).update(is_demo=True)
    content = content_of(world, actors)
    assert content["demo"] is True
    document = docx.Document(io.BytesIO(report_docx(content)))
    first_page = [p.text for p in document.paragraphs[:8]]
    assert DEMO_NOTICE in first_page
    assert document.sections and all(DEMO_NOTICE in s.footer.paragraphs[0].text for s in document.sections)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    body = client_for("officer").get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert body.count('class="notice demo-notice"') == 1 and body.count('class="un-footer demo-notice"') == 1


def test_no_demonstration_notice_without_generated_data(world, actors, extra, client_for,
                                                        django_capture_on_commit_callbacks):  # fmt: skip
    from ctassist.reporting import services

    content = content_of(world, actors)
    assert content["demo"] is False
    document = docx.Document(io.BytesIO(report_docx(content)))
    assert DEMO_NOTICE not in docx_text(report_docx(content))
    assert all(DEMO_NOTICE not in p.text for s in document.sections for p in s.footer.paragraphs)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            acting_user=actors.officer, resolution=world.resolution, period_start=START, period_end=END
        )
    body = client_for("officer").get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert "demo-notice" not in body


def test_demonstration_ratification_marks_the_report(world, actors):
    from ctassist.treaties.models import Participation

    Participation.objects.filter(pk=world.r1.pk).update(is_demo=True)
    assert content_of(world, actors)["demo"] is True


YEAR = re.compile(r"^(19|20)\d\d$")


def test_un_editorial_style_over_the_whole_docx(world, actors, extra):
    data = report_docx(content_of(world, actors))
    document = docx.Document(io.BytesIO(data))
    text = docx_text(data)
    # thousands separators: any run of four or more digits is a year or part of a symbol
    for match in re.finditer(r"(?<![\w/,.])\d{4,}(?![\w/])", text):
        assert YEAR.match(match.group()), f"unseparated number {match.group()!r}"
    assert "2,264 women" in text and "3,539 men" in text
    # dates as "18 December 2019", never ISO
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", text)
    assert "2 June 2024" in text
    # headings are whole headings, never a cut paragraph
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and not [h for h in headings if "…" in h or h.endswith("...")]
    assert "…" not in text
    # nothing said about zero in the narrative (tables may show a 0 in a column)
    numbered = [p.text for p in document.paragraphs if re.match(r"^\d+\.\t", p.text)]
    for paragraph in numbered:
        body = paragraph.split("\t", 1)[1]
        assert not re.search(r"(?<![\d,.])\b0\b(?![,.]\d)", body), paragraph
        assert "$0 " not in body, paragraph
    # lists in sentences are joined with "and"
    assert "1 of the African Group and 1 of the Latin American and Caribbean Group" in text
    assert "Kenya and Peru" in text
    assert "Reported outputs include" not in text and "In response, UNODC delivered" not in text


def test_structure_of_the_report_and_consecutive_paragraph_numbers(world, actors, extra):
    content = content_of(world, actors)
    assert [c["heading"] for c in content["chapters"]] == [
        "I. Introduction",
        "II. Technical assistance delivered by the United Nations Office on Drugs and Crime",
        "III. Partnerships",
        "IV. Resources",
        "V. Challenges",
        "VI. Conclusions and recommendations",
    ]
    headings = [s["heading"] for s in content["chapters"][1]["sections"]]
    assert headings[:3] == [
        "A. Ratification and legislative incorporation",
        "B. Capacity-building of criminal justice officials",
        "C. International cooperation in criminal matters",
    ]
    assert headings[3:] == ["D. Gender perspectives", "E. Border management"]
    document = docx.Document(io.BytesIO(report_docx(content)))
    numbers = [int(p.text.split(".", 1)[0]) for p in document.paragraphs if re.match(r"^\d+\.\t", p.text)]
    assert numbers == list(range(1, len(numbers) + 1))
    text = docx_text(report_docx(content))
    assert "pursuant to General Assembly resolution 99/901 of 1 December 2023" in text
    assert "The Secretary-General thanks Donor (test)" in text
    assert "may wish to consider the following recommendations" in text


def test_outcomes_are_consents_by_states_assisted_on_the_instrument(world, actors):
    """Outcomes, hand-computed: Kenya ratified instrument 0 on 5 May 2024 after an activity of March 2023 on
    a request naming it (within two years before the period) → one outcome with that activity. Peru
    acceded to instrument 1 on 31 December 2024, but its assistance on it was in 2021 (too early)
    and an activity after the consent does not count → not an outcome."""
    from ctassist.assistance import services as assistance

    kenya_request = assistance.create_request(acting_user=None, state=actors.state, title="Ratify (Kenya)",
                                              needs="Help.", instruments=[world.instruments[0]])  # fmt: skip
    peru_request = assistance.create_request(acting_user=None, state=actors.other_state, title="Ratify (Peru)",
                                             needs="Help.", instruments=[world.instruments[1]])  # fmt: skip
    before = make_activity([actors.state], "ratification", D(2023, 3, 1), type="legislative_review",
                           title="Review for Kenya (2023)", requests=[kenya_request])  # fmt: skip
    make_activity([actors.other_state], "ratification", D(2021, 3, 1), type="legislative_review",
                  title="Review for Peru (2021)", requests=[peru_request])  # fmt: skip
    make_activity([actors.state], "ratification", D(2024, 9, 1), type="workshop",
                  title="After the consent (Kenya)", requests=[kenya_request])  # fmt: skip
    content = content_of(world, actors)
    assert content["figures"]["ratification.outcomes"]["ids"] == [world.r1.pk]
    assert content["figures"]["ratification.outcomes.activities"]["ids"] == [before.pk]
    annex = content["annexes"][5]
    assert annex["title"] == "Ratifications and accessions following assistance from UNODC"
    assert annex["rows"] == [
        [world.instruments[0].short_name, actors.state.name, "5 May 2024", "Review for Kenya (2023) (1 March 2023)"]
    ]
    text = docx_text(report_docx(content))
    assert "Of these, 1 was made by a State that had received UNODC assistance on the instrument" in text


def test_no_outcome_sentence_without_assistance_on_the_instruments(world, actors):
    content = content_of(world, actors)
    assert "ratification.outcomes" not in content["figures"]
    assert content["annexes"][5]["rows"] == []
