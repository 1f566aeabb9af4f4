"""WSGI entry point for gunicorn: ``gunicorn ctassist.config.wsgi``."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings")
application = get_wsgi_application()


def settle_heap() -> None:
    """Keep what loading the product made out of the garbage collector's full passes.

    Modules, models, URL patterns, the translation catalogues: some 150,000 objects that live as long as
    the worker. Every full pass of the collector walked them all (0.2 to 0.3 s on a busy machine, every few
    dozen requests), which on the list pages was most of the slowest twentieth of requests. Frozen
    (``gc.freeze``), they are left out of the passes; what requests make is collected as before.
    """
    gc.collect()
    gc.freeze()


settle_heap()
