from rest_framework import serializers

from ctassist.library.models import CaseLaw, Legislation, Provision, Publication


class ProvisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provision
        fields = ["id", "position", "label", "heading", "text"]


# The bases name no description: drf-spectacular would publish a docstring as each item's.
class _Item(serializers.ModelSerializer):  # a library item: the instruments it concerns by their codes
    instruments = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)


class _StateItem(_Item):  # a library item of one State, named by its ISO code
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)


class LegislationSerializer(_StateItem):
    class Meta:
        model = Legislation
        fields = [
            "id",
            "state",
            "title",
            "kind",
            "adopted_on",
            "in_force_on",
            "amended_on",
            "language",
            "source_url",
            "summary",
            "themes",
            "instruments",
            "status",
            "is_demo",
        ]


class CaseLawSerializer(_StateItem):
    class Meta:
        model = CaseLaw
        fields = [
            "id",
            "state",
            "title",
            "court",
            "decided_on",
            "case_number",
            "summary",
            "offences",
            "outcome",
            "language",
            "themes",
            "instruments",
            "is_demo",
        ]


class PublicationSerializer(_Item):
    class Meta:
        model = Publication
        fields = ["id", "title", "kind", "year", "languages", "audience", "summary", "themes", "instruments", "is_demo"]


class HitSerializer(serializers.Serializer):
    type = serializers.CharField()
    object_id = serializers.IntegerField()
    title = serializers.CharField()
    reference = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark> around matches.")
    state = serializers.CharField()
    state_iso3 = serializers.CharField()
    kind = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    language = serializers.CharField()
    is_demo = serializers.BooleanField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class ResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    sort = serializers.CharField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    total = serializers.IntegerField()
    error = serializers.CharField()
    hits = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
