"""A local OpenID Connect provider for the tests (aiohttp): discovery, JWKS, an authorization
endpoint that logs in whoever the test says and redirects back with a code, and a token endpoint
that checks the code once, the client and PKCE, and issues RS256-signed ID tokens."""

from __future__ import annotations

import base64
import functools
import hashlib
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "minvard-bot"
CLIENT_SECRET = "test-client-secret"


@functools.cache
def provider_key() -> RSAKey:
    """One signing key per test run: generating RSA keys is slow."""
    return RSAKey.generate_key(2048, {"kid": "k1"}, True)


@dataclass
class Person:
    personal_number: str
    given_name: str
    family_name: str


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    person: Person
    used: bool = False


@dataclass
class FakeOidcProvider:
    clock: Callable[[], datetime]
    key: RSAKey = field(default_factory=provider_key)
    person: Person | None = None
    # Tampering hooks for the tests: claims to override, a key to sign with instead.
    overrides: dict[str, Any] = field(default_factory=dict)
    signing_key: RSAKey | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: int = 0
    issuer: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/.well-known/openid-configuration", self._discovery)
        app.router.add_get("/jwks", self._jwks)
        app.router.add_get("/authorize", self._authorize)
        app.router.add_post("/token", self._token)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.issuer = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self._runner = web.AppRunner(app, access_log=None)  # the broker logs on its own side
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _discovery(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def _jwks(self, request: web.Request) -> web.Response:
        return web.json_response(KeySet([self.key]).as_dict(private=False))

    async def _authorize(self, request: web.Request) -> web.StreamResponse:
        q = request.query
        if (
            q.get("response_type") != "code"
            or q.get("client_id") != CLIENT_ID
            or "openid" not in q.get("scope", "").split()
            or q.get("code_challenge_method") != "S256"
            or not q.get("code_challenge")
            or not q.get("nonce")
            or not q.get("state")
            or not q.get("redirect_uri")
        ):
            return web.Response(status=400, text="bad authorization request")
        if self.person is None:
            location = (
                f"{q['redirect_uri']}?{urlencode({'error': 'access_denied', 'state': q['state']})}"
            )
            raise web.HTTPFound(location)
        code = secrets.token_urlsafe(24)
        self.grants[code] = Grant(
            client_id=q["client_id"],
            redirect_uri=q["redirect_uri"],
            nonce=q["nonce"],
            challenge=q["code_challenge"],
            person=self.person,
        )
        raise web.HTTPFound(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}")

    async def _token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        form = await request.post()
        grant = self.grants.get(str(form.get("code", "")))
        if grant is None or grant.used:
            return web.json_response({"error": "invalid_grant"}, status=400)
        grant.used = True
        verifier = str(form.get("code_verifier", ""))
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            form.get("grant_type") != "authorization_code"
            or form.get("client_id") != grant.client_id
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge != grant.challenge
        ):
            return web.json_response({"error": "invalid_grant"}, status=400)
        now = self.clock()
        person = grant.person
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "sub": hashlib.sha256(person.personal_number.encode()).hexdigest()[:16],
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(minutes=5)).timestamp()),
            "nonce": grant.nonce,
            "personal_number": person.personal_number,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "name": f"{person.given_name} {person.family_name}",
        }
        claims.update(self.overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        key = self.signing_key or self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key)
        return web.json_response(
            {"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
        )
