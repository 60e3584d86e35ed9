"""One-time login links: the token the chat shows, the hash the database keeps, the URL.

The core makes the links it sends in chat, and the e-ID web endpoint (adapters/eid/web.py)
accepts them; both use these functions, so a link made by either is the same kind of link.
"""

from __future__ import annotations

import hashlib
import secrets

# Which path of the bot's web endpoint starts a login at each provider.
LOGIN_PATHS = {"oidc": "login", "bankid": "bankid"}


def new_link_token() -> str:
    """32 random bytes, URL-safe (43 characters): unguessable, and short enough for a chat."""
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    """How link tokens and OIDC states are stored: SHA-256, hex. A stolen database holds no
    usable link."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def login_url(public_url: str, provider: str, token: str) -> str:
    """The link a patient opens: ``{public_url}/login/{token}`` (OpenID Connect) or
    ``{public_url}/bankid/{token}`` (BankID directly)."""
    return f"{public_url.rstrip('/')}/{LOGIN_PATHS[provider]}/{token}"
