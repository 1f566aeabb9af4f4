"""WSGI entry point for gunicorn: ``gunicorn ctassist.config.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctassist.config.settings")
application = get_wsgi_application()
