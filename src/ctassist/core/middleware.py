"""Request context: a request id for logs, the change log and domain events."""

import contextlib
import logging
import re
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from ctassist.core import context

logger = logging.getLogger(__name__)

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Takes a well-formed X-Request-ID from the proxy or makes one, and echoes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else context.new_request_id()
        request.request_id = request_id
        token = context.set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            context.reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current_request_id() or "-"
        return True


class RejectNulParametersMiddleware:
    """Answer 400 to query parameters containing NUL characters.

    PostgreSQL text cannot hold NUL, and several views read query parameters
    directly (search, filters); form and serializer fields already refuse NUL
    in request bodies, so query strings are the one gap closed here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "Query parameters may not contain NUL characters.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class SlidingSessionMiddleware:
    """Keep a signed-in session alive while it is used, without writing it on every request.

    ``SESSION_COOKIE_AGE`` is an idle limit. Saving the session on every request would enforce it to
    the second, but turns every page view into a database write (on the embedded SQLite database, many
    officers browsing at once then queue behind one another). Instead the expiry is pushed forward at
    most once per ``SESSION_REFRESH_SECONDS``: a session idle for longer than the limit still expires,
    give or take that interval.
    """

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)


def _is_unavailable(exc: BaseException) -> bool:
    """Whether a database error means the database cannot be reached (rather than a faulty query)."""
    from django.db import connections

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    if isinstance(exc, InterfaceError):
        return True
    text = str(exc).lower()
    if any(marker in text for marker in _UNAVAILABLE_MARKERS):
        return True
    for conn in connections.all(initialized_only=True):
        if conn.connection is None:
            return True
        try:
            if not conn.is_usable():
                return True
        except Exception:  # noqa: BLE001 - a connection that cannot even answer is unavailable
            return True
    return False


_UNAVAILABLE_MARKERS = (
    "database is locked",
    "unable to open database",
    "connection refused",
    "could not connect",
    "connection failed",
    "server closed the connection",
    "terminating connection",
    "the database system is",
    "connection is closed",
    "connection timed out",
)


def unavailable_response(request) -> HttpResponse:
    """The product's own 503: a page for browsers, JSON for the API; neither touches the database."""
    from django.utils import translation

    language = translation.get_language_from_request(request)
    with translation.override(language):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": str(_("The service is briefly unavailable. Try again in a moment."))}, status=503
            )
        else:
            body = render_to_string(
                "503.html", {"LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
            )
            response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.UNAVAILABLE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with the product's own page while the database cannot be reached, and recover by itself.

    It connects before the rest of the stack runs (sessions, authentication and the lock-out all read
    the database), so a database that is down or restarting gives a clear "try again" page instead of
    a server error; a connection lost during the view is caught the same way. The broken connection is
    closed, so the next request connects afresh once the database is back. Other database errors (a
    faulty query) are left to the 500 handling.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        try:
            connection.ensure_connection()
        except (OperationalError, InterfaceError) as exc:
            return self._unavailable(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if _is_unavailable(exception):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc: BaseException) -> HttpResponse:
        from django.db import connections

        logger.warning("Database unavailable (%s): answering 503 to %s", exc, request.path)
        for conn in connections.all(initialized_only=True):
            # Inside a transaction the atomic block that owns it rolls back and closes it.
            if not conn.in_atomic_block:
                with contextlib.suppress(Exception):
                    conn.close()
        return unavailable_response(request)
