"""A software authenticator for the tests: what a security key and the browser together answer.

An EC P-256 key made here; attestation "none"; authenticator data built byte by byte (the relying
party id's SHA-256, the flags, the signature counter, and on registration the attested credential
data with the COSE public key); client data JSON with the type, the challenge and the origin; the
assertion signs authenticatorData ‖ SHA-256(clientDataJSON). The answers are the JSON that
``accounts/static/accounts/webauthn.js`` sends, so the server verifies them exactly as a browser's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

UP, UV, AT = 0x01, 0x04, 0x40  # user present, user verified, attested credential data included
ORIGIN = "http://testserver"  # the Django test client's origin


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftKey:
    """One credential on one authenticator, with its own counter."""

    def __init__(self, *, sign_count: int = 0):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = sign_count

    @property
    def id(self) -> str:
        return b64url(self.credential_id)

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        # COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    @staticmethod
    def client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}).encode()

    def authenticator_data(self, rp_id: str, flags: int, *, attested: bool = False) -> bytes:
        data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.sign_count)
        if attested:
            aaguid = bytes(16)  # attestation "none": no model to name
            data += aaguid + struct.pack(">H", len(self.credential_id)) + self.credential_id + self.cose_public_key()
        return data

    def create(self, options: dict[str, Any], *, origin: str = ORIGIN, rp_id: str | None = None) -> str:
        """The answer to ``navigator.credentials.create(options)``, as the page sends it."""
        client_data = self.client_data("webauthn.create", options["challenge"], origin)
        auth_data = self.authenticator_data(rp_id or options["rp"]["id"], UP | UV | AT, attested=True)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return self._answer(
            clientDataJSON=b64url(client_data), attestationObject=b64url(attestation), transports=["usb", "nfc"]
        )

    def get(
        self,
        options: dict[str, Any],
        *,
        origin: str = ORIGIN,
        rp_id: str | None = None,
        sign_count: int | None = None,
        tamper: bool = False,
    ) -> str:
        """The answer to ``navigator.credentials.get(options)``: the counter steps on, unless given."""
        self.sign_count = self.sign_count + 1 if sign_count is None else sign_count
        client_data = self.client_data("webauthn.get", options["challenge"], origin)
        auth_data = self.authenticator_data(rp_id or options["rpId"], UP | UV)
        signature = self.private_key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        if tamper:  # a well-formed signature, but not the key's over these bytes
            r, s = decode_dss_signature(signature)
            signature = encode_dss_signature(r, s ^ 1)
        return self._answer(
            clientDataJSON=b64url(client_data),
            authenticatorData=b64url(auth_data),
            signature=b64url(signature),
            userHandle=None,
        )

    def _answer(self, **response: Any) -> str:
        """The credential as the page's script sends it (JSON, binary fields in base64url)."""
        return json.dumps(
            {"id": self.id, "rawId": self.id, "type": "public-key", "response": response, "clientExtensionResults": {}}
        )
