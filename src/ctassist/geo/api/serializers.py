from rest_framework import serializers

from ctassist.geo.models import State


class StateSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = State
        fields = [
            "iso3",
            "iso2",
            "m49",
            "name",
            "official_name",
            "m49_region",
            "m49_subregion",
            "m49_intermediate_region",
            "regional_group",
            "regional_group_note",
            "membership",
            "ldc",
            "lldc",
            "sids",
            "aliases",
            "source",
        ]
