"""The [identity] section: the client secret from the environment only, errors that name the
key, and `minvard check` on a BankID setup without its certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assembly import check
from bot.config import ConfigError, load_config


def test_the_oidc_client_secret_comes_from_the_environment_and_never_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[identity]\nprovider = "oidc"\npublic_url = "https://minvard.example.se"\n'
        '[identity.oidc]\nissuer = "https://idp.example.se"\nclient_id = "minvard"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("MINVARD_OIDC_CLIENT_SECRET", "hemlig-klient")
    config = load_config(path)
    assert config.identity.oidc.client_secret == "hemlig-klient"
    assert "hemlig-klient" not in repr(config)


def test_an_incomplete_identity_section_names_its_key(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[identity]\nprovider = "oidc"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}: identity:" in str(caught.value) and "public_url" in str(caught.value)
    path.write_text('[identity]\nprovider = "freja"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}: identity.provider:" in str(caught.value)


def test_check_wants_the_bankid_certificate(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        '[identity]\nprovider = "bankid"\npublic_url = "https://minvard.example.se"\n'
        f'[identity.bankid]\nclient_cert = "{tmp_path / "rp.pem"}"\n',
        encoding="utf-8",
    )
    problems = check(load_config(path))
    assert any(p.startswith("config: identity.bankid.client_cert: no file") for p in problems)
    assert any(p.startswith("config: identity.bankid.client_key:") for p in problems)
