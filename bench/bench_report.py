"""Time the drafting of the Secretary-General's report on a scale-20 demonstration database.

Plain script: ``.venv/bin/python bench/bench_report.py [--scale 20] [--runs 3]``.
It builds a fresh SQLite database in a temporary directory, loads the reference data, generates
all the demonstration data (the mandates generator ingests the real resolutions from
/work/shared when present), then builds the report on A/RES/74/175 for the last two full
calendar years synchronously (the same service the background task runs: figures and DOCX),
as a UNODC officer, and prints each run and the median in seconds. The target is 30 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--symbol", default="A/RES/74/175")
    parser.add_argument(
        "--reuse", type=Path, help="a bench.sqlite3 an earlier run built (its path is printed): skip the build"
    )
    args = parser.parse_args()

    tmp = args.reuse.parent if args.reuse else Path(tempfile.mkdtemp(prefix="ctassist-bench-report-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{args.reuse or tmp / 'bench.sqlite3'}"
    os.environ["CTASSIST_VAR_DIR"] = str(tmp)
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    if not args.reuse:
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("load_reference", verbosity=0, stdout=quiet)
        call_command("generate_demo", scale=args.scale, stdout=sys.stdout)
        print(f"database built in {time.perf_counter() - started:.1f} s ({tmp})")
    else:
        call_command("migrate", verbosity=0)

    from ctassist.accounts import services as accounts
    from ctassist.accounts.choices import OrganisationKind, Role
    from ctassist.assistance.models import Activity, ParticipantCount
    from ctassist.mandates.models import Resolution
    from ctassist.reporting import services
    from ctassist.reporting.choices import ReportStatus
    from ctassist.reporting.models import Report

    resolution = Resolution.objects.filter(symbol=args.symbol).first()
    if resolution is None:
        from django.conf import settings

        text = Path(settings.SHARED_DIR) / "corpus" / "resolutions" / f"{args.symbol.replace('/', '_')}.txt"
        if text.exists():
            call_command("ingest_resolution", str(text), stdout=sys.stdout)
            resolution = Resolution.objects.filter(symbol=args.symbol).first()
    if resolution is None:
        print(f"{args.symbol} was not ingested (is /work/shared/corpus/resolutions present?)")
        return 1
    from ctassist.accounts.models import User

    officer = User.objects.filter(username="bench-officer").first()
    if officer is None:
        org = accounts.create_organisation(acting_user=None, kind=OrganisationKind.UNODC, name="UNODC (bench)")
        officer = accounts.create_user(
            acting_user=None,
            username="bench-officer",
            role=Role.OFFICER,
            organisation=org,
            password="bench-pass-12345!",  # noqa: S106 - throwaway database
        )
    from django.utils import timezone

    year = timezone.localdate().year
    start, end = datetime.date(year - 2, 1, 1), datetime.date(year - 1, 12, 31)
    print(
        f"{Activity.objects.count()} activities, {ParticipantCount.objects.count()} participant-count rows; "
        f"report on {args.symbol} from {start} to {end}"
    )
    timings = []
    for run in range(args.runs):
        report = Report.objects.create(resolution=resolution, period_start=start, period_end=end, requested_by=officer)
        began = time.perf_counter()
        report = services.build_report(acting_user=None, report_id=report.pk)
        elapsed = time.perf_counter() - began
        if report.status != ReportStatus.DONE:
            print(f"run {run + 1}: {report.status}: {report.message}")
            return 1
        timings.append(elapsed)
        figures = report.content["figures"]
        print(
            f"run {run + 1}: {elapsed:.2f} s — {figures['all.activities']['value']} activities, "
            f"{len(figures)} figures, DOCX {report.docx.size // 1024} KiB"
        )
    # The download renders the DOCX again with the narrative in place (every figure as a live reference).
    from ctassist.reporting import narrative
    from ctassist.reporting.docx import report_docx

    record = services.start_narrative(acting_user=officer, report=report)
    record = services.save_narrative(
        acting_user=officer,
        narrative_record=record,
        expected_version=record.version,
        texts={
            **narrative.generated_texts(report.content),
            "summary": "Edited: {{ figure:all.activities }} activities.",
        },
    )
    began = time.perf_counter()
    content, clearance = narrative.narrative_content(report, officer)
    size = len(report_docx({**content, "clearance": clearance}))
    print(f"narrative DOCX download: {time.perf_counter() - began:.2f} s ({size // 1024} KiB)")
    median = statistics.median(timings)
    print(f"median of {len(timings)} runs: {median:.2f} s (target: 10 s) {'OK' if median <= 10 else 'TOO SLOW'}")
    return 0 if median <= 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
