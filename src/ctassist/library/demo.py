"""Demonstration library: clearly fictional laws, cases and publications, and two reviews.

Titles say "Demonstration"; texts are assembled from complete statutory sentences modelled on
what the instruments ask (offences, jurisdiction, cooperation, safeguards), so they read as plausible
law. None is, or cites, a real law. Everything carries ``is_demo=True``.
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
# Each subject: a heading and its subsections, every one a complete sentence as a statute would word it.
# The first subsection is always used; the others are drawn in order, so the section reads as drafted.
SUBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Financing of terrorism",
        (
            "A person who, by any means, directly or indirectly, provides or collects funds intending that they should "
            "be used, or knowing that they are to be used, in full or in part, to carry out a terrorist act commits an "
            "offence.",
            "It is not necessary for the funds to have been actually used to carry out a terrorist act.",
            "A person who attempts to commit an offence under subsection (1), or who organises or directs others to "
            "commit it, commits an offence.",
            "A person convicted of an offence under this section is liable to imprisonment for a term not exceeding "
            "twenty years, or to a fine, or to both.",
        ),
    ),
    (
        "Terrorist bombing",
        (
            "A person who unlawfully and intentionally delivers, places, discharges or detonates an explosive or other "
            "lethal device in, into or against a place of public use, a State or government facility, a public "
            "transportation system or an infrastructure facility, with the intent to cause death or serious bodily "
            "injury or extensive destruction, commits an offence.",
            "A person who attempts to commit an offence under subsection (1), or participates in it as an accomplice, "
            "commits an offence.",
            "A person convicted of an offence under this section is liable to imprisonment for life.",
        ),
    ),
    (
        "Hostage-taking",
        (
            "A person who seizes or detains another person and threatens to kill, to injure or to continue to detain "
            "that person in order to compel a third party to do or abstain from doing any act commits an offence.",
            "In subsection (1), a third party includes a State, an international intergovernmental organisation, a "
            "natural or legal person and a group of persons.",
            "A person who attempts to commit an offence under subsection (1), or participates in it as an accomplice, "
            "commits an offence.",
        ),
    ),
    (
        "Unlawful seizure of aircraft",
        (
            "A person who on board an aircraft in flight unlawfully, by force or threat thereof, or by any other form "
            "of intimidation, seizes or exercises control of that aircraft commits an offence.",
            "For the purposes of this section, an aircraft is in flight from the moment all its external doors are "
            "closed following embarkation until the moment any such door is opened for disembarkation.",
            "A person convicted of an offence under this section is liable to imprisonment for life.",
        ),
    ),
    (
        "Offences against ships",
        (
            "A person who unlawfully and intentionally seizes or exercises control over a ship by force or threat "
            "thereof or any other form of intimidation commits an offence.",
            "A person who destroys a ship, or causes damage to a ship or to its cargo which is likely to endanger the "
            "safe navigation of that ship, commits an offence.",
            "A person who communicates information which that person knows to be false, thereby endangering the safe "
            "navigation of a ship, commits an offence.",
        ),
    ),
    (
        "Radioactive material and devices",
        (
            "A person who unlawfully and intentionally possesses radioactive material, or makes or possesses a device, "
            "with the intent to cause death or serious bodily injury, or substantial damage to property or to the "
            "environment, commits an offence.",
            "A person who uses radioactive material or a device, or damages a nuclear facility in a manner which "
            "releases or risks the release of radioactive material, commits an offence.",
            "A person who threatens to commit an offence under this section, or unlawfully demands radioactive "
            "material, a device or a nuclear facility by threat or use of force, commits an offence.",
        ),
    ),
    (
        "Liability of legal persons",
        (
            "Where an offence under this Act is committed for the benefit of a body corporate by a person having a "
            "leading position within it, the body corporate is liable to a fine.",
            "The liability of the body corporate does not exclude the criminal liability of the natural persons who "
            "committed the offence.",
            "The court may, in addition, order the closure of the premises used in committing the offence or the "
            "dissolution of the body corporate.",
        ),
    ),
    (
        "Jurisdiction",
        (
            "The courts have jurisdiction over an offence under this Act committed in the territory, on board a ship "
            "flying the national flag or on board an aircraft registered under the law in force.",
            "The courts also have jurisdiction where the offence is committed outside the territory by a national, or "
            "against a national, or against a State or government facility abroad.",
            "The courts have jurisdiction where the alleged offender is present in the territory and is not "
            "extradited to a State that has established its jurisdiction over the offence.",
        ),
    ),
    (
        "Requests for mutual legal assistance",
        (
            "The central authority may execute a request from a foreign State for assistance in the taking of evidence, "
            "the service of documents, search and seizure, and the identification, freezing and confiscation of "
            "proceeds of crime.",
            "A request may not be refused on the sole ground of bank secrecy or on the sole ground that the offence "
            "is regarded as a fiscal offence.",
            "A request may be refused where there are substantial grounds for believing that it has been made for the "
            "purpose of prosecuting or punishing a person on account of that person's race, religion, nationality, "
            "ethnic origin or political opinion.",
        ),
    ),
    (
        "Extradition",
        (
            "An offence under this Act is an extraditable offence for the purposes of the Extradition Act.",
            "For the purposes of extradition, an offence under this Act is not regarded as a political offence, as an "
            "offence connected with a political offence or as an offence inspired by political motives.",
            "Where extradition of a person found in the territory is refused, the case is submitted without undue "
            "delay to the competent authorities for the purpose of prosecution.",
        ),
    ),
    (
        "Freezing and forfeiture of funds",
        (
            "The court may, on the application of the Attorney-General, order the freezing or seizure of funds used "
            "or allocated for the purpose of committing an offence under this Act.",
            "Where a person is convicted of an offence under this Act, the court may order the forfeiture of the funds "
            "and of the proceeds derived from the offence.",
            "An order under this section is made without prejudice to the rights of third parties acting in good faith.",
        ),
    ),
    (
        "Rights of the person charged",
        (
            "A person taken into custody or against whom proceedings are brought under this Act is guaranteed fair "
            "treatment, including all the rights and guarantees provided by law and by international human rights "
            "law.",
            "A person taken into custody who is not a national is entitled to communicate without delay with the "
            "nearest appropriate representative of the State of which that person is a national.",
        ),
    ),
)


def provision_text(rng: random.Random, subject: tuple[str, tuple[str, ...]]) -> str:
    _heading, subsections = subject
    chosen = [subsections[0]] + [text for text in subsections[1:] if rng.random() < 0.7]
    return "\n".join(f"({number}) {text}" for number, text in enumerate(chosen, start=1))


def law_provisions(rng: random.Random, count: int) -> list[ProvisionDraft]:
    drafts = [
        ProvisionDraft(
            "Section 1",
            "Short title and commencement",
            "This Act is generated demonstration text. It is not a real law of any State.",
        )
    ]
    # Each subject once per Act (a statute has one section on extradition), in the order drawn.
    subjects = rng.sample(SUBJECTS, min(count - 1, len(SUBJECTS)))
    for number, subject in enumerate(subjects, start=2):
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
