"""WebAuthn (security keys and passkeys) as a second factor: the relying party, challenges, checks.

The browser's part is ``accounts/static/accounts/webauthn.js``. The server keeps each ceremony's
challenge in the session, for one purpose and one user, for ``CHALLENGE_SECONDS``, and takes it out
at the first answer whatever the outcome (a challenge is used once). Answers are verified with the
``webauthn`` package; before it, the client data are read here so that a refusal says why in the
user's language (another site, a spent challenge), and after it the signature counter is compared
here, once the signature is known to be the key's own (:func:`verify_assertion`).

Nothing in this module writes to the database: ``accounts.services`` stores keys and their use.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import parse_client_data_json
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    ClientDataType,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

# The session key holding the challenge of the ceremony under way.
SESSION_KEY = "_webauthn_challenge"
CHALLENGE_SECONDS = 300
TIMEOUT_MS = 120_000  # what the browser is told to wait for the key (a hint)
MAX_KEYS = 10  # security keys per account
MAX_ANSWER = 64 * 1024  # the browser's answer, as JSON: a key's answer is a few kilobytes at most

REGISTER = "register"
SIGN_IN = "sign_in"
CONFIRM = "confirm"  # proving one holds a key again, to remove one
PURPOSES = (REGISTER, SIGN_IN, CONFIRM)

_TRANSPORTS = {t.value for t in AuthenticatorTransport}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# -- the relying party -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelyingParty:
    id: str
    name: str
    origins: tuple[str, ...]


def _host(request: Any) -> str:
    """The request's host name without the port (``get_host`` has checked it against ALLOWED_HOSTS)."""
    host = request.get_host().lower()
    if host.startswith("["):  # an IPv6 literal
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def relying_party(request: Any) -> RelyingParty | None:
    """Who the keys are registered with, seen from this request; ``None`` where keys cannot work.

    Keys are bound to ``WEBAUTHN_RP_ID``: a request for another host (say the address 127.0.0.1 when
    the id is ``localhost``) cannot use them. The origins a browser may answer from are
    ``WEBAUTHN_ORIGINS`` when set, else this request's own origin.
    """
    rp_id = settings.WEBAUTHN_RP_ID.lower()
    host = _host(request)
    if not rp_id or not (host == rp_id or host.endswith("." + rp_id)):
        return None
    origins = tuple(settings.WEBAUTHN_ORIGINS) or (f"{request.scheme}://{request.get_host().lower()}",)
    return RelyingParty(id=rp_id, name=settings.WEBAUTHN_RP_NAME, origins=origins)


def unavailable_message() -> str:
    return _("Security keys cannot be used at this address: open ctassist at %(host)s to use one.") % {
        "host": settings.WEBAUTHN_RP_ID
    }


# -- challenges, one at a time, in the session ---------------------------------------------------------


def _new_challenge(request: Any, purpose: str, user_id: int, challenge: bytes) -> None:
    request.session[SESSION_KEY] = {"purpose": purpose, "user": user_id, "at": int(time.time()), "challenge": b64url(challenge)}


def take_challenge(request: Any, purpose: str, user_id: int) -> bytes | None:
    """The challenge issued to this session for ``purpose`` and this user, if still fresh; used up by this."""
    data = request.session.pop(SESSION_KEY, None)
    if not isinstance(data, dict) or data.get("purpose") != purpose or data.get("user") != user_id:
        return None
    if int(time.time()) - int(data.get("at", 0)) > CHALLENGE_SECONDS:
        return None
    try:
        return from_b64url(str(data["challenge"]))
    except (KeyError, ValueError, binascii.Error):
        return None


def user_handle(user: Any) -> bytes:
    """An opaque, stable handle for the account (never its name or number), as WebAuthn's user id."""
    return salted_hmac("ctassist.accounts.webauthn-user", str(user.pk)).digest()[:32]


def _descriptors(devices: Any) -> list[PublicKeyCredentialDescriptor]:
    found = []
    for device in devices:
        transports = [AuthenticatorTransport(t) for t in device.transports or () if t in _TRANSPORTS]
        found.append(PublicKeyCredentialDescriptor(id=from_b64url(device.credential_id), transports=transports or None))
    return found


def registration_options(request: Any, rp: RelyingParty, user: Any, existing: Any) -> dict[str, Any]:
    """Options for ``navigator.credentials.create`` (as JSON-ready data); the challenge is kept."""
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.name,
        user_name=user.get_username(),
        user_id=user_handle(user),
        user_display_name=user.get_full_name() or user.get_username(),
        timeout=TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(existing),
    )
    _new_challenge(request, REGISTER, user.pk, options.challenge)
    return json.loads(options_to_json(options))


def authentication_options(request: Any, rp: RelyingParty, user: Any, purpose: str, keys: Any) -> dict[str, Any]:
    """Options for ``navigator.credentials.get`` naming the user's keys; the challenge is kept."""
    options = generate_authentication_options(
        rp_id=rp.id,
        timeout=TIMEOUT_MS,
        allow_credentials=_descriptors(keys),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _new_challenge(request, purpose, user.pk, options.challenge)
    return json.loads(options_to_json(options))


# -- reading and checking the browser's answers --------------------------------------------------------


def _refused(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def parse_answer(text: str) -> dict[str, Any]:
    """The browser's answer as a JSON object, or a clear refusal."""
    if not text or len(text) > MAX_ANSWER:
        raise _refused(_("The browser's answer from the security key was missing or too long. Try again."), "malformed")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("response"), dict):
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed")
    return data


def _bytes_field(data: dict[str, Any], name: str) -> bytes:
    value = data["response"].get(name)
    if not isinstance(value, str):
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed")
    try:
        return from_b64url(value)
    except (ValueError, binascii.Error):
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed") from None


def _check_client_data(data: dict[str, Any], *, kind: str, challenge: bytes | None, rp: RelyingParty) -> bytes:
    """The checks whose refusal the user can act on, with a message that says which one failed.

    Returns the challenge, known from here on to be the one the browser answered.
    """
    if challenge is None:
        raise _refused(_("This request to the security key has expired or was already answered. Try again."), "challenge")
    raw = _bytes_field(data, "clientDataJSON")
    try:
        client = parse_client_data_json(raw)
    except Exception:  # the package raises several kinds for malformed client data
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed") from None
    if client.type != kind:
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed")
    if client.challenge != challenge:
        raise _refused(_("This request to the security key has expired or was already answered. Try again."), "challenge")
    if client.origin not in rp.origins:
        raise _refused(
            _("The security key answered for another site (%(origin)s), not this one. Nothing was changed.")
            % {"origin": str(client.origin)[:200]},
            "origin",
        )
    return challenge


@dataclass(frozen=True)
class NewKey:
    credential_id: str
    public_key: str
    sign_count: int
    transports: list[str]


def verify_registration(answer: str, *, challenge: bytes | None, rp: RelyingParty) -> NewKey:
    """Check the answer to ``navigator.credentials.create``; the new key's data, or a refusal."""
    data = parse_answer(answer)
    challenge = _check_client_data(data, kind=ClientDataType.WEBAUTHN_CREATE, challenge=challenge, rp=rp)
    try:
        verified = verify_registration_response(
            credential=data, expected_challenge=challenge, expected_rp_id=rp.id, expected_origin=list(rp.origins)
        )
    except InvalidRegistrationResponse:
        raise _refused(_("The security key's answer could not be verified. Nothing was changed."), "invalid") from None
    except Exception:  # malformed parts the package reads itself (CBOR, base64)
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed") from None
    transports = data["response"].get("transports")
    return NewKey(
        credential_id=b64url(verified.credential_id),
        public_key=b64url(verified.credential_public_key),
        sign_count=verified.sign_count,
        transports=[t for t in transports if t in _TRANSPORTS][:8] if isinstance(transports, list) else [],
    )


def answer_credential_id(answer: str) -> tuple[dict[str, Any], str]:
    """The parsed answer to ``navigator.credentials.get`` and the id of the key that gave it."""
    data = parse_answer(answer)
    return data, data["id"]


def verify_assertion(data: dict[str, Any], *, challenge: bytes | None, rp: RelyingParty, key: Any) -> int:
    """Check an answer to ``navigator.credentials.get`` from ``key``; its new signature counter.

    The counter must grow with each use (unless the key keeps none: zero both times). A counter that
    does not grow, once the signature is known to be the key's, means two authenticators share the
    key: it is refused.
    """
    challenge = _check_client_data(data, kind=ClientDataType.WEBAUTHN_GET, challenge=challenge, rp=rp)
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=list(rp.origins),
            credential_public_key=from_b64url(key.public_key),
            credential_current_sign_count=0,  # compared below, after the signature
        )
    except InvalidAuthenticationResponse:
        raise _refused(_("The security key's answer could not be verified. Nothing was changed."), "invalid") from None
    except Exception:  # malformed parts the package reads itself
        raise _refused(_("The browser's answer from the security key was not understood. Try again."), "malformed") from None
    new = verified.new_sign_count
    if (new or key.sign_count) and new <= key.sign_count:
        raise _refused(
            _("This security key's use counter went backwards, which happens when a key has been copied. "
              "It was refused: use another key or your authenticator app, and tell your administrator."),  # fmt: skip
            "counter",
        )
    return new

