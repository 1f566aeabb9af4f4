from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ctassist.directory import validation
from ctassist.directory.choices import AuthorityType, Channel, Language
from ctassist.directory.models import CONTACT_FIELDS, EDITABLE_FIELDS, ContactPerson, DirectoryEntry, split_codes


@extend_schema_field({"type": "string", "description": "Language code, one of those of languages_accepted."})
class LanguageCodeField(serializers.ChoiceField):
    """A language code of a contact person. Documented without its own enum: drf-spectacular would name the
    one choice set twice (LanguagesEnum, LanguagesAcceptedEnum) and warn; core's ENUM_NAME_OVERRIDES is not ours."""

    def __init__(self, **kwargs):
        super().__init__(choices=Language.choices, **kwargs)


class ContactPersonSerializer(serializers.ModelSerializer):
    languages = serializers.ListField(child=LanguageCodeField(), required=False)

    class Meta:
        model = ContactPerson
        fields = list(CONTACT_FIELDS)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["languages"] = split_codes(instance.languages)
        return data

    def to_internal_value(self, data):
        if isinstance(data, dict) and isinstance(data.get("languages"), str):
            data = {**data, "languages": split_codes(data["languages"])}
        return super().to_internal_value(data)


class DirectoryEntrySerializer(serializers.ModelSerializer):
    """An authority with its contact details. Reading one is recorded as a "contact viewed" event."""

    state = serializers.SlugRelatedField(
        slug_field="iso3",
        read_only=False,
        required=False,
        queryset=DirectoryEntry._meta.get_field("state").related_model.objects.all(),
        help_text="ISO alpha-3 code. A focal point may leave it out: its own State is used.",
    )
    state_name = serializers.CharField(source="state.name", read_only=True)
    authority_type = serializers.ChoiceField(choices=AuthorityType.choices)
    telephones = serializers.ListField(
        source="telephone_list",
        child=serializers.CharField(max_length=40, validators=[validation.validate_phone]),
        required=False,
        help_text="International format: + and the country code, digits and spaces.",
    )
    emails = serializers.ListField(source="email_list", child=serializers.EmailField(), required=False)
    legislation = serializers.ListField(source="legislation_list", child=serializers.CharField(), required=False)
    languages_accepted = serializers.ListField(
        source="languages", child=serializers.ChoiceField(choices=Language.choices), required=False
    )
    channels_accepted = serializers.ListField(
        source="channels", child=serializers.ChoiceField(choices=Channel.choices), required=False
    )
    contacts = ContactPersonSerializer(many=True, required=False)
    is_stale = serializers.BooleanField(read_only=True, help_text="Not verified for more than twelve months.")

    class Meta:
        model = DirectoryEntry
        # The editable fields under their model names (lists where the model stores lines or codes).
        fields = ["id", "state", "state_name", *EDITABLE_FIELDS, "contacts", "status", "revision_of",
                  "last_verified_on", "is_stale", "is_demo"]  # fmt: skip
        read_only_fields = ["status", "revision_of", "last_verified_on", "is_demo"]
        extra_kwargs = {"time_zone": {"validators": [validation.validate_time_zone]}}

    def service_fields(self) -> dict:
        """validated_data in the shape the services take: each editable field under its own name."""
        data = self.validated_data
        return {name: data[self.fields[name].source] for name in EDITABLE_FIELDS if self.fields[name].source in data}

    def service_contacts(self):
        contacts = self.validated_data.get("contacts")
        if contacts is None:
            return None
        return [{**c, "languages": ",".join(c.get("languages", []))} for c in contacts]

    def validate(self, attrs):
        if self.instance is not None and "state" in attrs and attrs["state"] != self.instance.state:
            raise serializers.ValidationError({"state": _("An entry cannot move to another State.")})
        return attrs


class CoverageSerializer(serializers.Serializer):
    """How many published authorities of one type a State has designated: no names, no contacts."""

    state = serializers.CharField(help_text="ISO alpha-3 code.")
    state_name = serializers.CharField()
    authority_type = serializers.ChoiceField(choices=AuthorityType.choices)
    count = serializers.IntegerField()
    is_demo = serializers.BooleanField(help_text="Generated demonstration data, not a real designation.")
