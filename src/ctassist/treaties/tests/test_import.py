"""Importing a participant table: preview, atomic apply, permissions, command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ctassist.core.importing import ImportRejected, read_text
from ctassist.core.models import ChangeLogEntry, DomainEvent
from ctassist.treaties import services
from ctassist.treaties.demo import generate as generate_participation
from ctassist.treaties.importing import ParticipationImporter
from ctassist.treaties.models import Instrument, Participation

pytestmark = pytest.mark.django_db

HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
TABLE = "\n".join(
    [
        HEADER,
        "Kenya 4\t\t27 Jun 2003 a",
        "Peru\t14 Sep 2000\t10 Nov 2001",
        "Turkey\t27 Sep 2001\t28 Jun 2002",
        "Cote d'Ivoire\t\t13 Mar 2002 AA",
        "Cook Islands\t\t4 Mar 2004 a",
    ]
)


@pytest.fixture
def financing():
    return Instrument.objects.get(code="financing-1999")


def plan_import(instrument, text):
    importer = ParticipationImporter(instrument)
    return importer.preview(importer.read(text=text))


def apply_import(*, acting_user, instrument, text, source):
    importer = ParticipationImporter(instrument, source=source)
    return importer.run(importer.read(text=text), acting_user=acting_user)


def test_preview_classifies_rows_and_writes_nothing(financing, actors):
    services.record_action(
        acting_user=None,
        state=actors.other_state,
        instrument=financing,
        kind="signature",
        date=datetime.date(2000, 9, 14),
    )
    plan = plan_import(financing, TABLE)
    assert not plan.errors
    outcomes = {item.label: item.outcome for item in plan.rows}
    assert outcomes == {
        "Kenya": "new",
        "Peru": "changed",
        "Turkey": "new",
        "Cote d'Ivoire": "new",
        "Cook Islands": "skipped",
    }
    peru = next(i for i in plan.rows if i.label == "Peru")
    assert peru.changes == ["consent: — → 2001-11-10", "act: — → ratification"]
    assert next(i for i in plan.rows if i.label == "Turkey").data[1].iso3 == "TUR"
    assert Participation.objects.filter(instrument=financing).count() == 1


def test_apply_writes_participation_actions_change_log_and_events(financing, actors):
    plan = apply_import(acting_user=actors.officer, instrument=financing, text=TABLE, source="test table")
    assert plan.counts == {"new": 4, "changed": 0, "unchanged": 0, "skipped": 1, "rejected": 0}
    kenya = Participation.objects.get(instrument=financing, state__iso3="KEN")
    assert (kenya.status, kenya.consent_kind, kenya.consent_date) == ("party", "accession", datetime.date(2003, 6, 27))
    assert kenya.source == "test table" and not kenya.is_demo
    assert list(kenya.actions.values_list("kind", flat=True)) == ["accession"]
    civ = Participation.objects.get(instrument=financing, state__iso3="CIV")
    assert civ.consent_kind == "approval"
    assert ChangeLogEntry.objects.filter(object_repr__startswith="Kenya", user=actors.officer, action="create").exists()
    assert DomainEvent.objects.filter(type="treaties.consent_recorded").count() == 4
    assert DomainEvent.objects.get(type="treaties.participation_imported").data["new"] == 4


def test_reimporting_the_same_table_changes_nothing(financing, actors):
    apply_import(acting_user=actors.officer, instrument=financing, text=TABLE, source="first")
    plan = plan_import(financing, TABLE)
    assert plan.counts["unchanged"] == 4 and not plan.can_apply


def test_a_bad_line_means_nothing_is_written(financing, actors):
    bad = TABLE + "\nChad\t\t31 Feb 2002"
    with pytest.raises(ImportRejected) as excinfo:
        apply_import(acting_user=actors.officer, instrument=financing, text=bad, source="bad")
    assert excinfo.value.errors[0].startswith("row 7, column Ratification")
    assert not Participation.objects.filter(instrument=financing).exists()
    assert not DomainEvent.objects.filter(type="treaties.participation_imported").exists()


def test_a_date_before_adoption_is_an_error(financing):
    plan = plan_import(financing, HEADER + "\nKenya\t\t27 Jun 1990 a")
    assert plan.errors == ["row 2: consent date 1990-06-27 is before Terrorist Financing Convention 1999 was adopted"]


def test_two_names_for_one_state_are_an_error(financing):
    plan = plan_import(financing, HEADER + "\nTurkey\t\t1 Jan 2002\nTürkiye\t\t1 Jan 2002")
    assert plan.errors == ["row 3: “Türkiye” is the same State as row 2"]


def test_import_replaces_demonstration_rows(financing, actors):
    generate_participation(seed=7)
    plan = plan_import(financing, TABLE)
    demo_rows = [i for i in plan.rows if i.outcome == "changed"]
    assert demo_rows and all("replaces demonstration data" in i.changes for i in demo_rows)
    apply_import(acting_user=actors.officer, instrument=financing, text=TABLE, source="real")
    assert not Participation.objects.get(instrument=financing, state__iso3="KEN").is_demo


def test_a_focal_point_cannot_import(financing, actors):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        apply_import(acting_user=actors.focal_point, instrument=financing, text=TABLE, source="x")
    assert not Participation.objects.filter(instrument=financing).exists()


class TestImportPage:
    def url(self):
        return reverse("treaties:participation_import", args=["financing-1999"])

    def test_anonymous_is_sent_to_sign_in(self, client, actors):
        response = client.get(self.url())
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]

    @pytest.mark.parametrize("role", ["focal_point", "partner", "donor"])
    def test_other_roles_are_refused(self, client, actors, role):
        client.force_login(actors.user(role))
        assert client.get(self.url()).status_code == 403
        assert client.post(self.url(), {"text": TABLE}).status_code == 403
        assert not Participation.objects.exists()

    def test_officer_previews_then_confirms(self, client, actors):
        client.force_login(actors.officer)
        preview = client.post(self.url(), {"text": TABLE})
        assert preview.status_code == 200
        body = preview.content.decode()
        assert "Cook Islands" in body and "names not recognised (will be skipped)" in body
        assert not Participation.objects.exists()
        token = preview.context["confirm_form"].initial["table"]
        confirm = client.post(self.url(), {"confirm": "1", "table": token})
        assert confirm.status_code == 302 and confirm["Location"].endswith("/instruments/financing-1999/")
        assert Participation.objects.filter(instrument__code="financing-1999").count() == 4
        kenya = Participation.objects.get(instrument__code="financing-1999", state__iso3="KEN")
        assert kenya.source.startswith("pasted table, imported ") and kenya.source.endswith("by test-officer")

    def test_upload_of_csv(self, client, actors):
        client.force_login(actors.officer)
        upload = io.BytesIO(b"Name,Ratification\nKenya,2003-06-27 a\n")
        upload.name = "status.csv"
        response = client.post(self.url(), {"file": upload})
        assert response.status_code == 200 and "status.csv" in response.content.decode()

    def test_a_binary_upload_gets_a_clear_message(self, client, actors):
        client.force_login(actors.officer)
        upload = io.BytesIO(b"\x00\x01\x02binary")
        upload.name = "status.csv"
        response = client.post(self.url(), {"file": upload})
        assert response.status_code == 400 and "binary" in response.content.decode()

    def test_an_upload_not_in_utf8_is_read_in_the_encoding_detected(self, client, actors):
        client.force_login(actors.officer)
        upload = io.BytesIO("Name,Ratification\nPérou,2003-06-27 a\nKenya,2003-06-27 a\n".encode("cp1252"))
        upload.name = "status.csv"
        response = client.post(self.url(), {"file": upload})
        body = response.content.decode()
        assert response.status_code == 200 and "Pérou" in body and "text encoding detected" in body

    def test_errors_are_shown_and_no_confirm_button(self, client, actors):
        client.force_login(actors.officer)
        response = client.post(self.url(), {"text": HEADER + "\nKenya\t\t31 Feb 2002"})
        body = response.content.decode()
        assert "row 2, column" in body and "not a real calendar date" in body and 'name="confirm"' not in body

    def test_tampered_confirmation_is_rejected_and_nothing_written(self, client, actors):
        client.force_login(actors.officer)
        bad = HEADER + "\nKenya\t\t31 Feb 2002"
        response = client.post(self.url(), {"confirm": "1", "table": bad, "source_name": "x"})
        assert response.status_code == 400 and "Nothing was imported" in response.content.decode()
        assert not Participation.objects.exists()


class TestCommand:
    def write(self, tmp_path, text, name="table.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    def test_dry_run_writes_nothing(self, tmp_path, actors):
        out = io.StringIO()
        call_command("import_participation", "financing-1999", self.write(tmp_path, TABLE), "--dry-run", stdout=out)
        assert "4 new" in out.getvalue() and "Cook Islands" in out.getvalue()
        assert not Participation.objects.exists()

    def test_apply(self, tmp_path, actors):
        call_command("import_participation", "financing-1999", self.write(tmp_path, TABLE), stdout=io.StringIO())
        assert Participation.objects.count() == 4

    def test_errors_fail_the_command(self, tmp_path, actors):
        err = io.StringIO()
        with pytest.raises(CommandError, match="1 error"):
            call_command(
                "import_participation",
                "financing-1999",
                self.write(tmp_path, HEADER + "\nKenya\t\t31 Feb 2002"),
                stdout=io.StringIO(),
                stderr=err,
            )
        assert "row 2, column Ratification" in err.getvalue()
        assert not Participation.objects.exists()

    def test_unknown_instrument_and_missing_file(self, tmp_path, actors):
        with pytest.raises(CommandError, match="Unknown instrument code"):
            call_command("import_participation", "nope", self.write(tmp_path, TABLE))
        with pytest.raises(CommandError, match="no such file"):
            call_command("import_participation", "financing-1999", str(tmp_path / "missing.csv"))

    def test_binary_file(self, tmp_path, actors):
        path = tmp_path / "x.csv"
        path.write_bytes(b"\x00\xff\x00")
        with pytest.raises(CommandError, match="binary"):
            call_command("import_participation", "financing-1999", str(path))


def test_reimport_replaces_acts_with_each_removal_logged_and_an_event(financing, actors):
    apply_import(acting_user=actors.officer, instrument=financing, text=TABLE, source="first")
    kenya = Participation.objects.get(instrument=financing, state__iso3="KEN")
    old = kenya.actions.get()
    corrected = TABLE.replace("27 Jun 2003 a", "28 Jun 2003 a")
    apply_import(acting_user=actors.officer, instrument=financing, text=corrected, source="second")
    kenya.refresh_from_db()
    assert kenya.consent_date == datetime.date(2003, 6, 28) and kenya.actions.count() == 1
    assert ChangeLogEntry.objects.filter(object_id=str(old.pk), action="delete", user=actors.officer).exists()
    event = DomainEvent.objects.get(type="treaties.action_removed", object_id=str(old.pk))
    assert event.data["participation"] == kenya.pk and event.data["reason"] == "second"
    update = ChangeLogEntry.objects.filter(object_id=str(kenya.pk), action="update").first()
    assert update.before["consent_date"] == "2003-06-27" and update.after["consent_date"] == "2003-06-28"


def test_reading_pasted_text_keeps_aligned_columns(financing):
    aligned = "Participant      Signature        Ratification\nKenya                             27 Jun 2003 a\n"
    table = ParticipationImporter(financing).read(text=aligned)
    assert table.header == ["Participant", "Signature", "Ratification"]
    assert [(r.number, r.cells) for r in table.rows] == [(2, ["Kenya", "", "27 Jun 2003 a"])]
    assert read_text(aligned).rows[0].cells == ["Kenya", "27 Jun 2003 a"]  # why the importer reads its own shape
