"""Importing a participant list (CSV or XLSX): preview first, then apply in one transaction.

Columns (header names, case-insensitive): name, state (ISO alpha-3 or name),
sex, agency, institution, email, consent. Every row is counted in the
participant table; rows with consent=yes are also kept by name. A bad row is
reported by its number and column, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from ctassist.assistance import services
from ctassist.assistance.choices import AgencyType, Sex
from ctassist.assistance.events import AssistanceEvent
from ctassist.assistance.models import Activity
from ctassist.core import audit, policy
from ctassist.geo.models import State

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = ("name", "state", "sex", "agency", "institution", "email", "consent")
_SEX = {
    "f": Sex.WOMEN, "female": Sex.WOMEN, "woman": Sex.WOMEN, "women": Sex.WOMEN,
    "m": Sex.MEN, "male": Sex.MEN, "man": Sex.MEN, "men": Sex.MEN,
    "": Sex.NOT_RECORDED, "not recorded": Sex.NOT_RECORDED, "not_recorded": Sex.NOT_RECORDED,
}  # fmt: skip
_YES = {"yes", "y", "true", "1", "oui", "sí", "si"}
_NO = {"no", "n", "false", "0", "non", ""}


class ImportRejected(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Row:
    number: int
    name: str
    state: State | None
    sex: str
    agency: str
    institution: str
    email: str
    consent: bool


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def named(self) -> int:
        return sum(1 for r in self.rows if r.consent)

    @property
    def can_apply(self) -> bool:
        return not self.errors and bool(self.rows)

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for r in self.rows:
            writer.writerow(
                [
                    r.name,
                    r.state.iso3 if r.state else "",
                    r.sex,
                    r.agency,
                    r.institution,
                    r.email,
                    "yes" if r.consent else "no",
                ]
            )
        return out.getvalue()


def read_upload(upload) -> list[list[str]]:
    """The cells of an uploaded CSV or XLSX file, as text; raises ValidationError if unreadable."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    name = (upload.name or "").lower()
    raw = upload.read()
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from exc
        sheet = book.worksheets[0]
        return [["" if c is None else str(c).strip() for c in row] for row in sheet.iter_rows(values_only=True)]
    if name.endswith((".csv", ".txt")):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text; save it as CSV UTF-8.")) from None
        return read_text(text)
    raise ValidationError(_("Upload a .csv or .xlsx file."))


def read_text(text: str) -> list[list[str]]:
    sample = text[:2000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def plan_import(activity: Activity, cells: list[list[str]]) -> Plan:
    """Check every row, writing nothing."""
    plan = Plan()
    rows = [r for r in cells if any(c for c in r)]
    if not rows:
        plan.errors.append(_("The file is empty."))
        return plan
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("name", "state") if c not in header]
    if missing:
        plan.errors.append(_("Row 1: missing column(s) %(cols)s.") % {"cols": ", ".join(missing)})
        return plan
    if len(rows) - 1 > MAX_ROWS:
        plan.errors.append(_("More than %(n)s rows; split the list.") % {"n": MAX_ROWS})
        return plan
    index = {h: i for i, h in enumerate(header)}
    by_code = {s.iso3: s for s in State.objects.all()}
    by_name = {s.name.lower(): s for s in by_code.values()}
    agencies = {code: code for code in AgencyType.values}
    agencies.update({str(label).lower(): code for code, label in AgencyType.choices})

    for number, raw in enumerate(rows[1:], start=2):

        def cell(column: str, raw=raw) -> str:
            i = index.get(column)
            return raw[i].strip() if i is not None and i < len(raw) else ""

        errors = []
        name = cell("name")
        if not name:
            errors.append(_("row %(n)s, column name: empty") % {"n": number})
        state_text = cell("state")
        state = by_code.get(state_text.upper()) or by_name.get(state_text.lower())
        if state is None:
            errors.append(_("row %(n)s, column state: “%(v)s” is not a known State") % {"n": number, "v": state_text})
        sex = _SEX.get(cell("sex").lower())
        if sex is None:
            errors.append(
                _("row %(n)s, column sex: “%(v)s” (use women, men or leave empty)") % {"n": number, "v": cell("sex")}
            )
        agency = agencies.get(cell("agency").lower() or "other")
        if agency is None:
            errors.append(
                _("row %(n)s, column agency: “%(v)s” is not an agency type") % {"n": number, "v": cell("agency")}
            )
        email = cell("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    _("row %(n)s, column email: “%(v)s” is not an e-mail address") % {"n": number, "v": email}
                )
        consent_text = cell("consent").lower()
        if consent_text not in _YES | _NO:
            errors.append(_("row %(n)s, column consent: “%(v)s” (use yes or no)") % {"n": number, "v": consent_text})
        if errors:
            plan.errors.extend(errors)
            continue
        plan.rows.append(
            Row(number, name[:200], state, sex, agency, cell("institution")[:200], email, consent_text in _YES)
        )
    return plan


@transaction.atomic
def apply_import(*, acting_user: Any, activity: Activity, cells: list[list[str]]) -> Plan:
    """All rows or none: the counts grow by every row; consenting rows are also kept by name."""
    policy.enforce(acting_user, policy.CHANGE, activity)
    plan = plan_import(activity, cells)
    if plan.errors:
        raise ImportRejected(plan.errors)
    for row in plan.rows:
        if row.consent:
            services.add_participant(
                acting_user=acting_user, activity=activity, state=row.state, full_name=row.name, sex=row.sex,
                agency=row.agency, institution=row.institution, email=row.email, consent=True,
            )  # fmt: skip
        else:
            services._bump_count(acting_user, activity, row.state, row.sex, row.agency, 1)
    audit.emit(
        AssistanceEvent.PARTICIPANTS_IMPORTED,
        acting_user=acting_user,
        obj=activity,
        rows=len(plan.rows),
        named=plan.named,
    )
    return plan
