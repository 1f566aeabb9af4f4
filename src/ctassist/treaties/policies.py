"""Instruments and participation are public; UNODC staff maintain them."""

from ctassist.core.policy import PublicReferencePolicy, register
from ctassist.treaties.models import Instrument, Participation, ParticipationAction, StatusImport


@register(Instrument)
class InstrumentPolicy(PublicReferencePolicy):
    pass


@register(Participation)
class ParticipationPolicy(PublicReferencePolicy):
    pass


@register(ParticipationAction)
class ParticipationActionPolicy(PublicReferencePolicy):
    pass


@register(StatusImport)
class StatusImportPolicy(PublicReferencePolicy):
    pass
