"""Request context: a request id for logs, the change log and domain events."""

import logging
import re
import time

from django.conf import settings
from django.http import HttpResponseBadRequest

from ctassist.core import context

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
