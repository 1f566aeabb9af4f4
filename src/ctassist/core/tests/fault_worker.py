"""For the worker-kill fault test only: an app whose import waits, inside its transaction, to be released.

``fault_settings`` installs this app in the real worker (``ctassist db_worker``) the fault test starts.
The directory import then writes every row, leaves a marker file ``applied-<n>`` in
``CTASSIST_FAULT_DIR`` and waits there, still inside the job's transaction, until a file ``release``
appears: the test kills the worker at that moment, when the rows are written but not committed.
Nothing else of the product changes.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.apps import AppConfig


def fault_dir() -> Path:
    return Path(os.environ["CTASSIST_FAULT_DIR"])


class FaultConfig(AppConfig):
    name = "ctassist.core.tests"
    label = "ctassist_fault"
    verbose_name = "Fault test (never installed in the product)"

    def ready(self) -> None:
        from ctassist.directory.importing import DirectoryImporter

        written = DirectoryImporter.apply

        def apply_then_wait(importer, plan, *, acting_user):
            written(importer, plan, acting_user=acting_user)
            attempt = len(list(fault_dir().glob("applied-*"))) + 1
            (fault_dir() / f"applied-{attempt}").write_text(str(os.getpid()))
            deadline = time.monotonic() + 120
            while not (fault_dir() / "release").exists() and time.monotonic() < deadline:
                time.sleep(0.05)

        DirectoryImporter.apply = apply_then_wait  # type: ignore[method-assign]


def queue_import(rows: int) -> int:
    """Create an officer and queue a directory import of ``rows`` rows as a job, as the import page does.

    The database is a copy of the test database, which holds the reference data (States).
    """
    from django.urls import reverse

    from ctassist.accounts.testing import make_actors
    from ctassist.core import jobs
    from ctassist.directory.importing import DirectoryImporter

    officer = make_actors().officer
    text = "state,authority_type,name,emails,languages_accepted,channels_accepted\n" + "".join(
        f"Kenya,mla,Demo authority {i} (fault test),a{i}@example.org,en,direct\n" for i in range(rows)
    )
    table = DirectoryImporter().read_file("authorities.csv", text.encode())
    path = reverse("directory:import")
    job = jobs.start(acting_user=officer, kind=jobs.IMPORT, title="Import (fault test)",
                     params={"path": path, "query": "", "language": "en",
                             "post": {"confirm": "1", "table": table.dumps(DirectoryImporter.key)},
                             "outcome": {"link": path, "rows": rows}})  # fmt: skip
    return job.pk
