import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ctassist.core.models import DomainEvent
from ctassist.directory.models import DirectoryEntry


class DirectoryEntryTable(tables.Table):
    state = tables.Column(order_by=("state__name",))
    authority_type = tables.Column(verbose_name=_("Type"))
    # The cell is its own link (directory/_name_cell.html): a LinkColumn would nest an empty link around it.
    name = tables.Column(verbose_name=_("Authority"))
    languages_accepted = tables.Column(verbose_name=_("Languages accepted"), orderable=False)
    channels_accepted = tables.Column(verbose_name=_("Channels"), orderable=False)
    status = tables.Column()
    last_verified_on = tables.Column(verbose_name=_("Last verified"))

    class Meta:
        model = DirectoryEntry
        fields = (
            "state",
            "authority_type",
            "name",
            "languages_accepted",
            "channels_accepted",
            "status",
            "last_verified_on",
        )
        order_by = ("state", "authority_type")
        attrs = {"class": "data-table"}

    def render_name(self, record, value):
        return render_to_string("directory/_name_cell.html", {"entry": record})

    def render_languages_accepted(self, record):
        return ", ".join(record.language_labels())

    def render_channels_accepted(self, record):
        return ", ".join(record.channel_labels())

    def render_status(self, record):
        return render_to_string("directory/_status.html", {"entry": record})

    def render_last_verified_on(self, record):
        return render_to_string("directory/_verified.html", {"entry": record})


class AccessLogTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name=_("When"))
    user_repr = tables.Column(verbose_name=_("Who"))
    via = tables.Column(verbose_name=_("How"), accessor="data__via", orderable=False)
    count = tables.Column(
        verbose_name=_("Entries"), accessor="data__count", orderable=False, attrs={"td": {"class": "num"}}
    )
    states = tables.Column(verbose_name=_("States"), accessor="data__states", orderable=False)
    object_repr = tables.Column(verbose_name=_("Entry"), orderable=False)

    class Meta:
        model = DomainEvent
        fields = ("timestamp", "user_repr", "via", "count", "states", "object_repr", "request_id")
        attrs = {"class": "data-table"}

    def render_states(self, value):
        value = list(value or [])
        shown = ", ".join(value[:12])
        return format_html("{}{}", shown, f" … (+{len(value) - 12})" if len(value) > 12 else "")
