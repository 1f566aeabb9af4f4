"""The address a request really came from, trusting the proxy header only as far as configured.

``CTASSIST_TRUSTED_PROXIES`` is the number of reverse proxies of the installation in front of the
product (0 by default: clients connect directly and ``REMOTE_ADDR`` is the client). Each trusted proxy
appends the address it received the connection from to ``X-Forwarded-For``, so the client is the
entry that many places from the end; whatever a client wrote to the left of it is ignored. Sign-in
throttling, lock-out and rate limits all key on this one function, so rotating the header buys an
attacker nothing.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: Any) -> str:
    """The client address of ``request`` (a Django or DRF request); ``""`` when unknown."""
    meta = getattr(request, "META", {})
    remote = _valid(meta.get("REMOTE_ADDR", "") or "") or ""
    trusted = int(getattr(settings, "CTASSIST_TRUSTED_PROXIES", 0) or 0)
    if trusted <= 0:
        return remote
    hops = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(hops) < trusted:
        # Fewer hops than proxies: the request did not come through them all; the header is the client's.
        return remote
    return _valid(hops[-trusted]) or remote
