"""Importing a participant list into one activity, on the one import pipeline (``core.importing``).

Reading (CSV, tab-separated or aligned text, XLSX), the limits, the signed preview
and the all-or-nothing apply come from the pipeline; only the column rules are here.
Columns (header names, case-insensitive): name, state (ISO alpha-3 or name), sex,
agency, institution, email, consent. Every row is counted in the participant table;
rows with consent=yes are also kept by name. Each problem names its row and column,
and a table with any problem writes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctassist.assistance import services
from ctassist.assistance.choices import AgencyType, Sex
from ctassist.core import policy
from ctassist.core.importing import NEW, Importer, Limits, Plan, PlannedRow, Table
from ctassist.geo.models import State

COLUMNS = ("name", "state", "sex", "agency", "institution", "email", "consent")
REQUIRED = ("name", "state")
_SEX = {
    "f": Sex.WOMEN, "female": Sex.WOMEN, "woman": Sex.WOMEN, "women": Sex.WOMEN,
    "m": Sex.MEN, "male": Sex.MEN, "man": Sex.MEN, "men": Sex.MEN,
    "": Sex.NOT_RECORDED, "not recorded": Sex.NOT_RECORDED, "not_recorded": Sex.NOT_RECORDED,
}  # fmt: skip
_YES = {"yes", "y", "true", "1", "oui", "sí", "si"}
_NO = {"no", "n", "false", "0", "non", ""}


def _key(header: str) -> str:
    return header.strip().lower()


class ParticipantImporter(Importer):
    """A participant list for the activity ``target``."""

    key = "assistance.participants"
    limits = Limits(max_bytes=2 * 1024 * 1024, max_rows=5000)
    preview_headers = (
        gettext_lazy("State"),
        gettext_lazy("Sex"),
        gettext_lazy("Agency"),
        gettext_lazy("Kept by name"),
    )

    def check_permission(self, acting_user: Any) -> None:
        policy.enforce(acting_user, policy.CHANGE, self.target)

    def plan(self, table: Table) -> Plan:
        plan = Plan()
        keys = [_key(h) for h in table.header]
        for column in REQUIRED:
            if column not in keys:
                plan.problem(_("the column is missing."), column=column)
        plan.ignored_columns = [h for h, k in zip(table.header, keys, strict=True) if k and k not in COLUMNS]
        if plan.problems:
            return plan
        self._states = {s.iso3: s for s in State.objects.all()}
        self._state_names = {s.name.lower(): s for s in self._states.values()}
        self._agencies = {code: code for code in AgencyType.values}
        self._agencies.update({str(label).lower(): code for code, label in AgencyType.choices})
        for number, cells in table.records(key=_key):
            person = self._person(plan, number, cells)
            if person is not None:
                plan.add(PlannedRow(number, NEW, label=person["full_name"], data=person, display=[
                    person["state"].name, Sex(person["sex"]).label, AgencyType(person["agency"]).label,
                    _("yes") if person["consent"] else _("no"),
                ]))  # fmt: skip
        self._ask_before_widening(plan)
        return plan

    def _ask_before_widening(self, plan: Plan) -> None:
        """A participant from a State the activity does not concern adds that State, so its focal points see it."""
        if self.target is None:
            return
        concerned = set(self.target.states.values_list("pk", flat=True))
        added = sorted({row.data["state"] for row in plan.rows if row.data["state"].pk not in concerned},
                       key=lambda s: s.name)  # fmt: skip
        if added:
            plan.confirmations.append(
                _("add %(states)s to the States this activity concerns: their focal points will then see the "
                  "activity and its participant counts.") % {"states": ", ".join(s.name for s in added)}
            )  # fmt: skip

    def _person(self, plan: Plan, number: int, cells: dict[str, str]) -> dict[str, Any] | None:
        """The participant a row describes, or ``None`` after adding its problems to the plan."""
        found = len(plan.problems)
        name = cells.get("name", "")
        if not name:
            plan.problem(_("empty"), number, "name")
        state_text = cells.get("state", "")
        state = self._states.get(state_text.upper()) or self._state_names.get(state_text.lower())
        if state is None:
            plan.problem(_("“%(value)s” is not a known State") % {"value": state_text}, number, "state")
        sex = _SEX.get(cells.get("sex", "").lower())
        if sex is None:
            plan.problem(
                _("“%(value)s” (use women, men or leave empty)") % {"value": cells.get("sex", "")}, number, "sex"
            )
        agency = self._agencies.get(cells.get("agency", "").lower() or "other")
        if agency is None:
            plan.problem(_("“%(value)s” is not an agency type") % {"value": cells.get("agency", "")}, number, "agency")
        email = cells.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                plan.problem(_("“%(value)s” is not an e-mail address") % {"value": email}, number, "email")
        consent = cells.get("consent", "").lower()
        if consent not in _YES | _NO:
            plan.problem(_("“%(value)s” (use yes or no)") % {"value": consent}, number, "consent")
        if len(plan.problems) > found:
            return None
        return {"full_name": name[:200], "state": state, "sex": sex, "agency": agency,
                "institution": cells.get("institution", "")[:200], "email": email, "consent": consent in _YES}  # fmt: skip

    def apply(self, plan: Plan, *, acting_user: Any) -> None:
        services.import_participants(
            acting_user=acting_user, activity=self.target, people=[row.data for row in plan.rows_to_write()]
        )
