import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ctassist.mandates.models import Paragraph, Resolution


class ResolutionTable(tables.Table):
    symbol = tables.LinkColumn("mandates:resolution_detail", args=[tables.A("symbol")], verbose_name=_("Symbol"))
    adopted_on = tables.DateColumn(format="j M Y")
    operative = tables.Column(
        verbose_name=_("Operative paragraphs"),
        accessor="counts__operative",
        orderable=False,
        attrs={"td": {"class": "num"}},
    )

    class Meta:
        model = Resolution
        fields = ("symbol", "title", "body", "adopted_on", "operative", "committee_report", "source_name")
        order_by = ("adopted_on",)


def _tags(values, labels) -> str:
    return format_html_join(
        " ",
        '<span class="badge tag" title="{}">{}</span>',
        (
            (_("triggered by: ") + "; ".join(v.triggers), labels.get(getattr(v, "theme", None) or v.addressee, ""))
            for v in values
        ),
    )


class MandateTable(tables.Table):
    """Operative paragraphs across resolutions (the mandate explorer)."""

    resolution = tables.Column(
        verbose_name=_("Resolution"), accessor="resolution__symbol", order_by=("resolution__adopted_on", "position")
    )
    number = tables.Column(verbose_name=_("No."), attrs={"td": {"class": "num"}})
    verb = tables.Column(verbose_name=_("Verb"))
    # The paragraph is the row's reading text: it keeps a readable width (core CSS, td.text); the tags wrap.
    text = tables.Column(verbose_name=_("Paragraph"), orderable=False, attrs={"td": {"class": "text"}})
    themes = tables.Column(verbose_name=_("Themes"), accessor="pk", orderable=False, attrs={"td": {"class": "tag-list"}})
    addressees = tables.Column(verbose_name=_("Addressees"), accessor="pk", orderable=False, empty_values=())
    instruments = tables.Column(verbose_name=_("Instruments named"), accessor="pk", orderable=False, empty_values=())

    class Meta:
        model = Paragraph
        fields = ("resolution", "number", "verb", "text", "themes", "addressees", "instruments")
        order_by = ("resolution",)

    def render_resolution(self, record):
        url = reverse("mandates:resolution_detail", args=[record.resolution.symbol]) + f"#{record.anchor}"
        draft = format_html(' <span class="badge">{}</span>', _("draft")) if record.in_draft else ""
        return format_html('<a href="{}">{}</a>{}', url, record.resolution.symbol, draft)

    def render_text(self, value):
        return value if len(value) <= 400 else value[:400].rsplit(" ", 1)[0] + " …"

    def value_text(self, value):
        return value

    def render_themes(self, record):
        from ctassist.mandates.queries import THEME_LABELS

        return _tags(record.themes.all(), THEME_LABELS)

    def value_themes(self, record):
        return "; ".join(t.theme for t in record.themes.all())

    def render_addressees(self, record):
        from ctassist.core.taxonomy import ADDRESSEES

        return _tags(record.addressees.all(), dict(ADDRESSEES))

    def value_addressees(self, record):
        return "; ".join(a.addressee for a in record.addressees.all())

    def render_instruments(self, record):
        return format_html_join(
            " ",
            '<a class="badge instrument" href="{}" title="{}">{}</a>',
            (
                (
                    reverse("treaties:instrument_detail", args=[link.instrument.code]),
                    _("named as") + ": " + "; ".join(link.names),
                    link.instrument.short_name,
                )
                for link in record.instrument_links.all()
            ),
        )

    def value_instruments(self, record):
        return "; ".join(link.instrument.short_name for link in record.instrument_links.all())
