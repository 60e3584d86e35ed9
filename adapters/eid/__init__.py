"""e-ID: OpenID Connect login at the region's identity broker, BankID RP API v6, a demo provider,
and the small web endpoint that the one-time login links point to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import IdentityConfig


def serves_logins(identity: IdentityConfig) -> bool:
    """Whether the provider needs the bot's web endpoint (demo and none do not). Here, not in
    the endpoint's module: the command line asks before it imports the e-ID stack (aiohttp,
    joserfc, cryptography), which a config without e-ID never loads."""
    return identity.provider in ("oidc", "bankid")
