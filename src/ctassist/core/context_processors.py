"""Context every page needs: navigation, languages, the demonstration notice."""

from django.conf import settings
from django.core.cache import cache

from ctassist.core import demo, ui


def shell(request):
    present = cache.get("ctassist:demo-present")
    if present is None:
        present = demo.demo_data_present()
        cache.set("ctassist:demo-present", present, 60)
    return {
        "nav_items": ui.nav_for(getattr(request, "user", None)),
        "demo_data_present": present and settings.CTASSIST_DEMO_BANNER,
    }
