"""Context every page needs: navigation, languages, the demonstration notice."""

from django.conf import settings
from django.core.cache import cache

from ctassist.core import demo, ui
from ctassist.core.models import Notification

_MEMO = "_ctassist_shell"


def shell(request):
    """The header's navigation and unread count, worked out once per request.

    Every template rendered with the request runs the context processors again (a table's
    ``{% render_table %}`` renders its own template so), and the header's values would be queried
    each time. They are kept on the request for the user they were computed for: a page that signs
    someone in or out, or that marks notifications read before it renders, is computed afresh for
    whoever is signed in when it renders.
    """
    user = getattr(request, "user", None)
    key = (getattr(user, "pk", None), bool(user is not None and user.is_authenticated))
    memo = getattr(request, _MEMO, None)
    if memo is not None and memo[0] == key:
        return memo[1]
    present = cache.get("ctassist:demo-present")
    if present is None:
        present = demo.demo_data_present()
        cache.set("ctassist:demo-present", present, 60)
    values = {
        "nav_items": ui.nav_for(user),
        "demo_data_present": present and settings.CTASSIST_DEMO_BANNER,
        "unread_notifications": _unread(user),
    }
    if request is not None:
        setattr(request, _MEMO, (key, values))
    return values


def _unread(user) -> int | None:
    """How many of the user's notifications are unread (one query, on the recipient and read index), None for
    anonymous visitors."""
    if user is None or not user.is_authenticated:
        return None
    return Notification.objects.restrict(user).filter(read_at__isnull=True).count()
