"""OpenID Connect relying party: authorization code flow with PKCE (S256), ``state`` and ``nonce``.

Authlib provides the PKCE and token helpers; ID tokens are verified with joserfc (Authlib's JOSE
library): signature against the provider's JWKS, then ``iss``, ``aud`` (and ``azp``), ``exp``,
``iat`` and ``nonce``. The clock is injected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

log = logging.getLogger(__name__)

# Asymmetric algorithms only: never "none" nor an HMAC keyed with the client secret.
ID_TOKEN_ALGORITHMS = ("RS256", "PS256", "ES256")


class OidcError(Exception):
    """A login that cannot be trusted. ``reason`` is a short fixed code, safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    redirect_uri: str
    client_secret: str | None = field(default=None, repr=False)
    scope: str = "openid profile"
    personnummer_claim: str = "personal_number"
    # Extra authorization parameters, e.g. {"acr_values": "..."} for a broker's e-ID choice.
    extra_params: tuple[tuple[str, str], ...] = ()
    leeway_seconds: int = 60


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the browser, and what the callback must be checked against."""

    url: str = field(repr=False)
    state: str = field(repr=False)
    nonce: str = field(repr=False)
    code_verifier: str = field(repr=False)


@dataclass(frozen=True)
class VerifiedClaims:
    """The identity an ID token vouches for (already verified)."""

    personnummer: str = field(repr=False)
    name: str = field(repr=False)
    given_name: str | None = field(default=None, repr=False)
    family_name: str | None = field(default=None, repr=False)
    subject: str = field(default="", repr=False)


def display_name(claims: dict[str, Any]) -> str:
    """``name``, or ``given_name family_name``, or empty."""
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    parts = [claims.get("given_name"), claims.get("family_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


class OidcClient:
    def __init__(
        self, settings: OidcSettings, http: httpx.AsyncClient, clock: Callable[[], datetime]
    ) -> None:
        self.settings = settings
        self.http = http
        self.clock = clock
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    async def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (fetched once)."""
        if self._metadata is None:
            url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
            document = await self._get_json(url)
            if document.get("issuer") != self.settings.issuer:
                raise OidcError("discovery_issuer_mismatch")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(document.get(key), str):
                    raise OidcError("discovery_incomplete")
            self._metadata = document
        return self._metadata

    async def authorization_request(self) -> AuthorizationRequest:
        metadata = await self.metadata()
        state = generate_token(43)
        nonce = generate_token(43)
        verifier = generate_token(64)
        params = {
            "response_type": "code",
            "client_id": self.settings.client_id,
            "redirect_uri": self.settings.redirect_uri,
            "scope": self.settings.scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
            **dict(self.settings.extra_params),
        }
        endpoint = str(metadata["authorization_endpoint"])
        joiner = "&" if "?" in endpoint else "?"
        return AuthorizationRequest(
            url=f"{endpoint}{joiner}{urlencode(params)}",
            state=state,
            nonce=nonce,
            code_verifier=verifier,
        )

    async def complete(self, code: str, code_verifier: str, nonce: str) -> VerifiedClaims:
        """Exchanges ``code`` and returns the claims of the verified ID token."""
        metadata = await self.metadata()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.settings.redirect_uri,
            "client_id": self.settings.client_id,
            "code_verifier": code_verifier,
        }
        if self.settings.client_secret is not None:
            form["client_secret"] = self.settings.client_secret
        try:
            response = await self.http.post(
                str(metadata["token_endpoint"]), data=form, headers={"Accept": "application/json"}
            )
        except httpx.HTTPError as error:
            raise OidcError("token_endpoint_unreachable") from error
        if response.status_code != 200:
            log.info("oidc token endpoint refused: status %s", response.status_code)
            raise OidcError("token_refused")
        try:
            body = response.json()
        except ValueError as error:
            raise OidcError("token_response_invalid") from error
        id_token = body.get("id_token") if isinstance(body, dict) else None
        if not isinstance(id_token, str):
            raise OidcError("no_id_token")
        claims = await self.verify_id_token(id_token, nonce)
        personnummer = claims.get(self.settings.personnummer_claim)
        if not isinstance(personnummer, str) or not personnummer:
            raise OidcError("no_personnummer_claim")
        return VerifiedClaims(
            personnummer=personnummer,
            name=display_name(claims),
            given_name=_text(claims.get("given_name")),
            family_name=_text(claims.get("family_name")),
            subject=str(claims.get("sub", "")),
        )

    async def verify_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        keys = await self._key_set(refresh=False)
        try:
            token = jwt.decode(id_token, keys, algorithms=list(ID_TOKEN_ALGORITHMS))
        except (JoseError, ValueError):
            # Perhaps the provider rotated its keys: fetch them once more and retry.
            keys = await self._key_set(refresh=True)
            try:
                token = jwt.decode(id_token, keys, algorithms=list(ID_TOKEN_ALGORITHMS))
            except (JoseError, ValueError) as error:
                raise OidcError("id_token_signature") from error
        claims = dict(token.claims)
        now = int(self.clock().timestamp())
        registry = jwt.JWTClaimsRegistry(
            now=now,
            leeway=self.settings.leeway_seconds,
            iss={"essential": True, "value": self.settings.issuer},
            aud={"essential": True, "value": self.settings.client_id},
            exp={"essential": True},
            iat={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(claims)
        except JoseError as error:
            raise OidcError(f"id_token_{getattr(error, 'error', 'claims')}") from error
        audience = claims.get("aud")
        multiple = isinstance(audience, list) and len(audience) > 1
        if multiple and claims.get("azp") != self.settings.client_id:
            raise OidcError("id_token_azp")
        return claims

    async def _key_set(self, *, refresh: bool) -> KeySet:
        if self._keys is None or refresh:
            metadata = await self.metadata()
            document = await self._get_json(str(metadata["jwks_uri"]))
            try:
                self._keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
            except (JoseError, ValueError, KeyError, TypeError) as error:
                raise OidcError("jwks_invalid") from error
        return self._keys

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self.http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise OidcError("provider_unreachable") from error
        if not isinstance(document, dict):
            raise OidcError("provider_document_invalid")
        return document


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
