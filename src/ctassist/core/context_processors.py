"""Context every page needs: navigation, languages, the demonstration notice."""

from django.conf import settings
from django.core.cache import cache

from ctassist.core import demo, ui
from ctassist.core.models import Notification


def shell(request):
    present = cache.get("ctassist:demo-present")
    if present is None:
        present = demo.demo_data_present()
        cache.set("ctassist:demo-present", present, 60)
    user = getattr(request, "user", None)
    return {
        "nav_items": ui.nav_for(user),
        "demo_data_present": present and settings.CTASSIST_DEMO_BANNER,
        "unread_notifications": _unread(user),
    }


def _unread(user) -> int | None:
    """How many of the user's notifications are unread (one query), None for anonymous visitors."""
    if user is None or not user.is_authenticated:
        return None
    return Notification.objects.restrict(user).filter(read_at__isnull=True).count()
