import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ctassist.mandates.choices import ADDRESSEE_CHOICES, THEME_CHOICES, ParagraphKind
from ctassist.mandates.models import Paragraph, Resolution
from ctassist.treaties.models import Instrument


class ResolutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Symbol or title contains"))
    body = django_filters.CharFilter(lookup_expr="iexact", label=_("Body (GA, ECOSOC...)"))
    theme = django_filters.ChoiceFilter(
        field_name="paragraphs__themes__theme", choices=THEME_CHOICES, label=_("Has a paragraph on"), distinct=True
    )

    class Meta:
        model = Resolution
        fields = ["q", "body", "theme"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(symbol__icontains=value) | Q(title__icontains=value))


def _instruments(request):
    return Instrument.objects.restrict(getattr(request, "user", None)).order_by("position")


class ParagraphFilter(django_filters.FilterSet):
    """Operative paragraphs by theme, addressee, instrument named, verb and resolution (pages and API)."""

    theme = django_filters.ChoiceFilter(
        field_name="themes__theme", choices=THEME_CHOICES, label=_("Theme"), distinct=True
    )
    addressee = django_filters.ChoiceFilter(
        field_name="addressees__addressee", choices=ADDRESSEE_CHOICES, label=_("Addressee"), distinct=True
    )
    instrument = django_filters.ModelChoiceFilter(
        field_name="instrument_links__instrument",
        to_field_name="code",
        queryset=_instruments,
        label=_("Mentions instrument"),
        distinct=True,
    )
    verb = django_filters.CharFilter(lookup_expr="iexact", label=_("Verb (requests, urges...)"))
    resolution = django_filters.CharFilter(field_name="resolution__symbol", lookup_expr="iexact", label=_("Resolution"))
    kind = django_filters.ChoiceFilter(choices=ParagraphKind.choices, label=_("Kind"))
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label=_("Text contains"))

    class Meta:
        model = Paragraph
        fields = ["theme", "addressee", "instrument", "verb", "resolution", "kind", "q"]
