"""A security key in software, for the server-side tests: it answers the portal's WebAuthn
challenges as a browser with a real key would (the browser tests use Chromium's virtual
authenticator instead)."""

import hashlib
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData, CollectedClientData

# WebAuthn needs a secure context: https, or http on localhost. The test client says it is there.
HOST = "localhost"
ORIGIN = f"http://{HOST}"
FLAG = AuthenticatorData.FLAG


class SoftKey:
    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.user_handle = None

    def _auth_data(self, flags, credential_data=b""):
        self.counter += 1
        return AuthenticatorData.create(hashlib.sha256(HOST.encode()).digest(), flags, self.counter, credential_data)

    def register(self, creation_options) -> str:
        """The credential the browser posts after `navigator.credentials.create` (as JSON)."""
        options = creation_options["publicKey"]
        self.user_handle = options["user"]["id"]
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=websafe_decode(options["challenge"]), origin=ORIGIN)
        public_key = ES256.from_cryptography_key(self.private_key.public_key())
        credential = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        auth_data = self._auth_data(FLAG.UP | FLAG.UV | FLAG.AT, credential)
        return json.dumps({
            "id": websafe_encode(self.credential_id), "rawId": websafe_encode(self.credential_id),
            "type": "public-key", "authenticatorAttachment": "cross-platform",
            "response": {"clientDataJSON": websafe_encode(client_data),
                         "attestationObject": websafe_encode(AttestationObject.create("none", auth_data, {})),
                         "transports": ["usb"]},
            "clientExtensionResults": {"credProps": {"rk": False}},
        })

    def sign(self, request_options, tamper=False) -> str:
        """The assertion the browser posts after `navigator.credentials.get` (as JSON); `tamper`:
        a signature that does not match, as a cloned or forged key would give."""
        options = request_options["publicKey"]
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=websafe_decode(options["challenge"]), origin=ORIGIN)
        auth_data = self._auth_data(FLAG.UP | FLAG.UV)
        signature = self.private_key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        if tamper:
            signature = ec.generate_private_key(ec.SECP256R1()).sign(auth_data + client_data.hash,
                                                                      ec.ECDSA(hashes.SHA256()))
        response = {"clientDataJSON": websafe_encode(client_data), "authenticatorData": websafe_encode(auth_data),
                    "signature": websafe_encode(signature)}
        if self.user_handle:
            response["userHandle"] = self.user_handle
        return json.dumps({
            "id": websafe_encode(self.credential_id), "rawId": websafe_encode(self.credential_id),
            "type": "public-key", "response": response, "clientExtensionResults": {},
        })


def add_key(user, name="Beveiligingssleutel", recovery_codes=True) -> SoftKey:
    """The account has added a security key (as the add page would store it); returns the key."""
    from allauth.account.utils import user_pk_to_url_str
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.webauthn.internal.auth import WebAuthn

    key = SoftKey()
    options = {"publicKey": {"challenge": websafe_encode(os.urandom(32)),
                             "user": {"id": websafe_encode(user_pk_to_url_str(user).encode())}}}
    WebAuthn.add(user, name, json.loads(key.register(options)))
    if recovery_codes and not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return key
