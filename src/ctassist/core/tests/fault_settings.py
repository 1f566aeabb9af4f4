"""Settings of the worker the fault test starts: the product's own, plus the test's waiting import."""

from ctassist.config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "ctassist.core.tests.fault_worker.FaultConfig"]  # noqa: F405
