"""One-time login links: the token the chat shows, the hash the database keeps, the URL.

The core makes the links it sends in chat, and the e-ID web endpoint (adapters/eid/web.py)
accepts them; both use these functions, so a link made by either is the same kind of link.
"""

from __future__ import annotations

import hashlib
import hmac
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


# -- the browser that opened the link ----------------------------------------------------------
# The login page sets a cookie, one per login, and only the browser that holds it may finish the
# login (the OIDC callback, the BankID page and its poll). A login URL forwarded to someone else
# then binds no one to the chat the link was sent to.

LOGIN_COOKIE_PREFIX = "minvard_login_"


def login_cookie_name(login_id: str) -> str:
    """One cookie per login, so two logins open in one browser do not undo each other."""
    return f"{LOGIN_COOKIE_PREFIX}{login_id}"


def secure_cookies(public_url: str) -> bool:
    """Cookies are marked Secure when the bot is reached over HTTPS (a plain-HTTP test setup
    would otherwise never get them back)."""
    return public_url.strip().lower().startswith("https://")


def same_browser(cookie: str | None, browser_hash: str | None) -> bool:
    """Whether `cookie` is the one the login page set for the login whose hash is stored. A login
    stored without one (begun before the check existed) is refused too: it can be asked again."""
    if not cookie or not browser_hash:
        return False
    return hmac.compare_digest(hash_secret(cookie), browser_hash)
