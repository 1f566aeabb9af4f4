"""Demonstration library: clearly fictional laws, cases and publications, and two reviews.

Titles say "Demonstration"; texts are assembled from templates. None cites a real
law. Everything carries ``is_demo=True``.
"""

from __future__ import annotations

import datetime
import random

from ctassist.library.extraction import ProvisionDraft

LAWS = (
    (
        "Demonstration Counter-Terrorism Act",
        "counter-terrorism",
        ["bombings-1997", "hostages-1979"],
        ["rule-of-law", "ratification"],
    ),
    (
        "Demonstration Terrorist Financing (Suppression) Act",
        "terrorist-financing",
        ["financing-1999"],
        ["terrorism-financing"],
    ),
    ("Demonstration Mutual Legal Assistance in Criminal Matters Act", "mla", [], ["international-cooperation"]),
    (
        "Demonstration Aviation and Maritime Security Act",
        "transport",
        ["hague-1970", "montreal-1971", "sua-1988"],
        ["critical-infrastructure", "border-management"],
    ),
    ("Demonstration Nuclear Security Act", "nuclear", ["nuclear-terrorism-2005", "cppnm-1980"], ["cbrn"]),
)
SUBJECTS = (
    (
        "Financing of terrorism",
        "provides or collects funds, directly or indirectly, intending or knowing that they "
        "are to be used to carry out a terrorist act or by a terrorist organisation",
    ),
    (
        "Terrorist bombing",
        "delivers, places or detonates an explosive or other lethal device in a place of public "
        "use, a government facility or a public transport system",
    ),
    (
        "Hostage-taking",
        "seizes or detains another person and threatens to kill or injure that person in order to compel a third party",
    ),
    ("Unlawful seizure of aircraft", "seizes or exercises control of an aircraft in flight by force or threat"),
    (
        "Offences against ships",
        "seizes or exercises control of a ship by force or threatens the safe navigation of a ship",
    ),
    (
        "Nuclear material",
        "possesses or uses radioactive material or a device with intent to cause death, serious "
        "bodily injury or substantial damage",
    ),
    (
        "Liability of legal persons",
        "being a body corporate, is liable where a person in a position of management "
        "commits an offence under this Act for its benefit",
    ),
    (
        "Jurisdiction",
        "commits an offence under this Act outside the territory, where the person is a national or "
        "is present in the territory and is not extradited",
    ),
    (
        "Mutual legal assistance",
        "the central authority may execute a request for assistance in the taking of "
        "evidence, service of documents, search and seizure, freezing and confiscation",
    ),
    ("Extradition", "an offence under this Act is an extraditable offence and is not regarded as a political offence"),
    (
        "Freezing of funds",
        "the court may order the freezing, seizure and forfeiture of funds used or allocated for "
        "the purpose of committing an offence",
    ),
    (
        "Penalties",
        "a person convicted of an offence under this Act is liable to imprisonment for a term that "
        "reflects the grave nature of the offence",
    ),
)
QUALIFIERS = (
    "whether or not the funds are actually used",
    "including an attempt to commit the offence",
    "or participates as an accomplice",
    "or organises or directs others to commit it",
    "or contributes to its commission by a group acting with a common purpose",
    "whether within or outside the territory",
    "unless the act is otherwise authorised by law",
    "as defined in the schedule",
)


def provision_text(rng: random.Random, subject: tuple[str, str]) -> str:
    heading, clause = subject
    lines = [
        f"(1) A person who {clause} commits an offence{', ' + rng.choice(QUALIFIERS) if rng.random() < 0.7 else ''}."
    ]
    for number in range(2, rng.randint(2, 4) + 1):
        lines.append(
            f"({number}) For the purposes of this section, {rng.choice(QUALIFIERS)}, {rng.choice(SUBJECTS)[1]}."
        )
    return "\n".join(lines)


def law_provisions(rng: random.Random, count: int) -> list[ProvisionDraft]:
    drafts = [
        ProvisionDraft(
            "Section 1",
            "Short title and commencement",
            "This Act is generated demonstration text. It is not a real law of any State.",
        )
    ]
    for number in range(2, count + 1):
        subject = rng.choice(SUBJECTS)
        drafts.append(ProvisionDraft(f"Section {number}", subject[0], provision_text(rng, subject)))
    return drafts


def run_library_demo(*, scale: int = 1, seed: int = 0) -> str:
    from ctassist.geo.models import State
    from ctassist.library import services
    from ctassist.library.choices import Incorporation
    from ctassist.treaties.models import Instrument

    rng = random.Random(seed + 50)
    instruments = {i.code: i for i in Instrument.objects.all()}
    states = list(State.objects.order_by("name"))
    if not states:
        return "library: no States loaded"
    chosen = rng.sample(states, min(len(states), 8 * max(1, scale)))
    laws = 0
    by_state = {}
    for state in chosen:
        for title, kind, codes, themes in rng.sample(LAWS, rng.randint(2, len(LAWS))):
            law = services.create_legislation(
                acting_user=None,
                state=state,
                title=title,
                kind=kind,
                language=rng.choice(["en", "en", "en", "fr", "es"]),
                adopted_on=datetime.date(rng.randint(1995, 2023), rng.randint(1, 12), rng.randint(1, 28)),
                themes=themes,
                instruments=[instruments[c] for c in codes if c in instruments],
                provisions=law_provisions(rng, rng.randint(6, 18)),
                is_demo=True,
                summary="Generated demonstration legislation.",
            )
            by_state.setdefault(state.pk, []).append(law)
            laws += 1
    cases = 0
    for state in chosen[:6]:
        law = by_state[state.pk][0]
        services.save_case(
            acting_user=None,
            state=state,
            title=f"Demonstration prosecution no. {rng.randint(100, 999)}",
            court="Demonstration High Court",
            decided_on=datetime.date(rng.randint(2005, 2024), 6, 1),
            case_number=f"DEMO/{rng.randint(1, 99)}/{rng.randint(2005, 2024)}",
            summary="Generated case summary: the accused was charged with financing of terrorism and "
            "participation in a terrorist group; the court considered the intent requirement.",
            offences="financing of terrorism; participation",
            outcome=rng.choice(["conviction", "acquittal"]),
            language="en",
            themes=["terrorism-financing"],
            instruments=[instruments["financing-1999"]],
            related_legislation=[law],
            is_demo=True,
        )
        cases += 1
    for year, title, kind in (
        (2019, "Demonstration handbook on criminal justice responses to terrorism", "handbook"),
        (2021, "Demonstration model provisions on terrorist financing", "model-law"),
        (2023, "Demonstration training curriculum on international cooperation", "curriculum"),
    ):
        services.save_publication(
            acting_user=None,
            title=title,
            kind=kind,
            year=year,
            languages=["en", "fr"],
            audience="prosecutors",
            summary="Generated demonstration publication on mutual legal assistance, extradition and the "
            "criminalisation of terrorist financing.",
            themes=["knowledge-portal", "training"],
            instruments=[instruments["financing-1999"]],
            is_demo=True,
        )
    reviews = 0
    for state in chosen[:2]:
        review = services.start_review(
            acting_user=None,
            state=state,
            instruments=[instruments["financing-1999"], instruments["bombings-1997"]],
            title=f"Demonstration legislative review of {state.name}",
            is_demo=True,
        )
        provisions = [p for law in by_state[state.pk] for p in law.provisions.all()]
        for item in review.items.all():
            status = rng.choice([Incorporation.FULLY, Incorporation.PARTLY, Incorporation.NOT])
            services.assess_item(
                acting_user=None,
                item=item,
                status=status,
                provisions=rng.sample(provisions, 1) if status != Incorporation.NOT else [],
                comment="Generated demonstration assessment.",
            )
        if reviews == 0:
            services.finalise_review(acting_user=None, review=review)
        reviews += 1
    return f"{laws} demonstration laws, {cases} cases, 3 publications, {reviews} reviews"
