"""Load or refresh the reference data that ship with ctassist (States, instruments)."""

from django.core.management.base import BaseCommand

from ctassist.core import audit, context
from ctassist.core.events import CoreEvent
from ctassist.geo.services import load_states
from ctassist.treaties.services import load_instruments


class Command(BaseCommand):
    help = "Load the 195 States and the 23 instruments (idempotent: re-running updates changed rows)."

    def handle(self, *args, **options):
        context.set_request_id(f"cmd-{context.new_request_id()}")
        states = load_states(acting_user=None)
        instruments = load_instruments(acting_user=None)
        audit.emit(CoreEvent.REFERENCE_DATA_LOADED, acting_user=None, states=states, instruments=instruments)
        self.stdout.write(f"States: {states}")
        self.stdout.write(f"Instruments: {instruments}")
