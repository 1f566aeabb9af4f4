"""The shared theme taxonomy.

Requests, activities, publications and mandate paragraphs are all tagged with
the same themes. The list follows the capabilities the General Assembly
resolutions on technical assistance for counter-terrorism ask for (see the
project's docs/domain.md). This module is plain Python on purpose: the
resolution parser and the theme tagger use it without Django.

The labels are English; they are marked for the translation catalogues
(``gettext_noop`` below, which ``makemessages`` recognises) and shown in the
reader's language by ``gettext(label)`` where Django renders them (the
assistance app's ``Theme``, for one).
"""


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogues without translating it here (no Django in this module)."""
    return message


THEMES: tuple[tuple[str, str], ...] = (
    ("ratification", gettext_noop("Ratification and legislative incorporation")),
    ("national-coordination", gettext_noop("National coordination among agencies")),
    (
        "international-cooperation",
        gettext_noop("International cooperation: mutual legal assistance, extradition, central authorities"),
    ),
    ("designated-authorities", gettext_noop("Repository database of designated authorities")),
    ("knowledge-portal", gettext_noop("Knowledge portal and good practices")),
    ("training", gettext_noop("Training of criminal justice and law enforcement officials")),
    ("rule-of-law", gettext_noop("Criminal justice systems, rule of law and human rights")),
    ("foreign-terrorist-fighters", gettext_noop("Foreign terrorist fighters")),
    ("terrorism-financing", gettext_noop("Countering the financing of terrorism, risk assessments")),
    ("organized-crime-links", gettext_noop("Links with organized crime, drugs and money-laundering")),
    ("kidnapping-for-ransom", gettext_noop("Kidnapping for ransom")),
    ("border-management", gettext_noop("Border management")),
    ("cultural-property", gettext_noop("Cultural property")),
    ("ict-internet", gettext_noop("Information and communications technology and the Internet")),
    ("forensic-evidence", gettext_noop("Forensic and electronic evidence")),
    ("biometrics", gettext_noop("Biometrics")),
    ("travel-data", gettext_noop("Travel data (API/PNR)")),
    ("cbrn", gettext_noop("Chemical, biological, radiological and nuclear terrorism")),
    ("critical-infrastructure", gettext_noop("Critical infrastructure and soft targets")),
    ("victims", gettext_noop("Victims of terrorism")),
    ("children", gettext_noop("Children")),
    ("gender", gettext_noop("Gender perspectives")),
    ("prisons-radicalization", gettext_noop("Prisons and radicalization to violence")),
    ("strategies", gettext_noop("National and regional strategies")),
    ("coordination", gettext_noop("Coordination with Compact entities and regional organizations")),
    ("contributions", gettext_noop("Voluntary contributions, financial and in kind")),
    ("reporting", gettext_noop("Report of the Secretary-General on implementation")),
)

THEME_CODES: frozenset[str] = frozenset(code for code, _ in THEMES)

# Who an operative paragraph speaks to.
ADDRESSEES: tuple[tuple[str, str], ...] = (
    ("member-states", gettext_noop("Member States")),
    ("unodc", gettext_noop("UNODC")),
    ("secretary-general", gettext_noop("The Secretary-General")),
    ("ctc-cted", gettext_noop("Counter-Terrorism Committee and its Executive Directorate")),
    ("compact-entities", gettext_noop("Global Counter-Terrorism Coordination Compact entities")),
    ("regional-organizations", gettext_noop("Regional and subregional organizations")),
    ("donors", gettext_noop("Donors")),
    ("general-assembly", gettext_noop("The General Assembly itself")),
    ("other", gettext_noop("Other entities")),
)

ADDRESSEE_CODES: frozenset[str] = frozenset(code for code, _ in ADDRESSEES)
