"""The shared theme taxonomy.

Requests, activities, publications and mandate paragraphs are all tagged with
the same themes. The list follows the capabilities the General Assembly
resolutions on technical assistance for counter-terrorism ask for (see the
project's docs/domain.md). This module is plain Python on purpose: the
resolution parser and the theme tagger use it without Django.
"""

THEMES: tuple[tuple[str, str], ...] = (
    ("ratification", "Ratification and legislative incorporation"),
    ("national-coordination", "National coordination among agencies"),
    (
        "international-cooperation",
        "International cooperation: mutual legal assistance, extradition, central authorities",
    ),
    ("designated-authorities", "Repository database of designated authorities"),
    ("knowledge-portal", "Knowledge portal and good practices"),
    ("training", "Training of criminal justice and law enforcement officials"),
    ("rule-of-law", "Criminal justice systems, rule of law and human rights"),
    ("foreign-terrorist-fighters", "Foreign terrorist fighters"),
    ("terrorism-financing", "Countering the financing of terrorism, risk assessments"),
    ("organized-crime-links", "Links with organized crime, drugs and money-laundering"),
    ("kidnapping-for-ransom", "Kidnapping for ransom"),
    ("border-management", "Border management"),
    ("cultural-property", "Cultural property"),
    ("ict-internet", "Information and communications technology and the Internet"),
    ("forensic-evidence", "Forensic and electronic evidence"),
    ("biometrics", "Biometrics"),
    ("travel-data", "Travel data (API/PNR)"),
    ("cbrn", "Chemical, biological, radiological and nuclear terrorism"),
    ("critical-infrastructure", "Critical infrastructure and soft targets"),
    ("victims", "Victims of terrorism"),
    ("children", "Children"),
    ("gender", "Gender perspectives"),
    ("prisons-radicalization", "Prisons and radicalization to violence"),
    ("strategies", "National and regional strategies"),
    ("coordination", "Coordination with Compact entities and regional organizations"),
    ("contributions", "Voluntary contributions, financial and in kind"),
    ("reporting", "Report of the Secretary-General on implementation"),
)

THEME_CODES: frozenset[str] = frozenset(code for code, _ in THEMES)

# Who an operative paragraph speaks to.
ADDRESSEES: tuple[tuple[str, str], ...] = (
    ("member-states", "Member States"),
    ("unodc", "UNODC"),
    ("secretary-general", "The Secretary-General"),
    ("ctc-cted", "Counter-Terrorism Committee and its Executive Directorate"),
    ("compact-entities", "Global Counter-Terrorism Coordination Compact entities"),
    ("regional-organizations", "Regional and subregional organizations"),
    ("donors", "Donors"),
    ("general-assembly", "The General Assembly itself"),
    ("other", "Other entities"),
)

ADDRESSEE_CODES: frozenset[str] = frozenset(code for code, _ in ADDRESSEES)
