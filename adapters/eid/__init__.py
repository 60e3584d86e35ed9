"""e-ID: OpenID Connect login at the region's identity broker, BankID RP API v6, a demo provider,
and the small web endpoint that the one-time login links point to."""
