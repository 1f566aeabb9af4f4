from __future__ import annotations

from rest_framework import serializers

from ctassist.mandates.models import (
    Citation,
    Footnote,
    Paragraph,
    ParagraphAddressee,
    ParagraphInstrument,
    ParagraphTheme,
    Resolution,
)
from ctassist.treaties.models import Instrument


class TagSerializer(serializers.Serializer):
    code = serializers.CharField()
    triggers = serializers.ListField(child=serializers.CharField(), help_text="The words that fired the tag.")


class ThemeSerializer(TagSerializer):
    code = serializers.CharField(source="theme")

    class Meta:
        model = ParagraphTheme


class AddresseeSerializer(TagSerializer):
    code = serializers.CharField(source="addressee")

    class Meta:
        model = ParagraphAddressee


class InstrumentLinkSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="instrument.code", read_only=True)
    short_name = serializers.CharField(source="instrument.short_name", read_only=True)
    names = serializers.ListField(child=serializers.CharField(), help_text="The words that name it in the paragraph.")

    class Meta:
        model = ParagraphInstrument
        fields = ["code", "short_name", "names"]


class SubparagraphSerializer(serializers.Serializer):
    label = serializers.CharField()
    text = serializers.CharField()


class ParagraphSerializer(serializers.ModelSerializer):
    resolution = serializers.SlugRelatedField(slug_field="symbol", read_only=True)
    subparagraphs = SubparagraphSerializer(many=True, read_only=True)
    footnotes = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    themes = ThemeSerializer(many=True, read_only=True)
    addressees = AddresseeSerializer(many=True, read_only=True)
    instruments = InstrumentLinkSerializer(
        many=True, read_only=True, source="instrument_links", help_text="The instruments the paragraph names."
    )

    class Meta:
        model = Paragraph
        fields = [
            "id",
            "resolution",
            "kind",
            "position",
            "number",
            "verb",
            "lead",
            "text",
            "subparagraphs",
            "footnotes",
            "heading",
            "themes",
            "addressees",
            "instruments",
        ]


class FootnoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Footnote
        fields = ["number", "in_draft", "text"]


class CitationSerializer(serializers.ModelSerializer):
    cited = serializers.SlugRelatedField(
        slug_field="symbol", read_only=True, allow_null=True, help_text="Set when it is ingested here."
    )

    class Meta:
        model = Citation
        fields = ["symbol", "cited"]


class ResolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = [
            "symbol",
            "body",
            "title",
            "adopted_on",
            "session",
            "agenda_item",
            "committee_report",
            "draft_symbol",
            "meeting",
            "source_name",
            "is_demo",
        ]


class ResolutionDetailSerializer(ResolutionSerializer):
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    footnotes = FootnoteSerializer(many=True, read_only=True, source="footnote_set")
    citations = CitationSerializer(many=True, read_only=True)
    instruments: serializers.SlugRelatedField[Instrument] = serializers.SlugRelatedField(
        many=True, slug_field="code", read_only=True, help_text="Codes of the instruments its paragraphs name."
    )

    class Meta(ResolutionSerializer.Meta):
        fields = [*ResolutionSerializer.Meta.fields, "paragraphs", "footnotes", "citations", "instruments"]


class LineageParaSerializer(serializers.Serializer):
    kind = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)
    index = serializers.IntegerField(help_text="1-based position among the paragraphs of the same kind.")
    text = serializers.CharField()


class LineageRowSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["unchanged", "modified", "moved", "new", "dropped"])
    old = LineageParaSerializer(allow_null=True)
    new = LineageParaSerializer(allow_null=True)
    similarity = serializers.FloatField()
    inserted = serializers.ListField(child=serializers.CharField())
    deleted = serializers.ListField(child=serializers.CharField())
    diff = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        allow_null=True,
        help_text='Word-level diff: [op, [tokens]] with op "equal", "insert" or "delete".',
    )


class LineageSerializer(serializers.Serializer):
    old = serializers.CharField(help_text="Symbol of the earlier version.")
    new = serializers.CharField(help_text="Symbol of the later version.")
    old_uses_draft = serializers.BooleanField()
    new_uses_draft = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())
    paragraphs = LineageRowSerializer(many=True)
