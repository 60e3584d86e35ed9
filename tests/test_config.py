"""The config model and its documented example stay one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def test_the_example_documents_every_key_and_loads() -> None:
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for section, field in Config.model_fields.items():
        assert section in example, f"[{section}] missing from config.example.toml"
        model = field.annotation
        assert model is not None
        for key in model.model_fields:  # type: ignore[union-attr]
            assert key in example[section], f"{section}.{key} missing from config.example.toml"
    assert load_config(EXAMPLE) == Config()


def test_secrets_come_from_the_environment_and_never_show(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MINVARD_TELEGRAM_TOKEN", "123:very-secret")
    monkeypatch.setenv("MINVARD_SMS_PASSWORD", "hemligt")
    config = load_config(None)
    assert config.telegram.token == "123:very-secret"
    assert config.sms.password == "hemligt"
    assert "very-secret" not in repr(config) and "hemligt" not in repr(config)


def test_errors_name_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[queue]\naging_minutes = { "1" = 10 }\n[sms]\nprovider = "pigeon"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    message = str(caught.value)
    assert f"{bad}: queue.aging_minutes:" in message and "nothing ages into 1" in message
    assert f"{bad}: sms.provider:" in message


def test_an_unknown_queue_tie_break_is_refused_with_the_choices(tmp_path: Path) -> None:
    file = tmp_path / "tie.toml"
    file.write_text('[queue]\ntie_break = "urgency"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(file)
    message = str(caught.value)
    assert f"{file}: queue.tie_break:" in message and "'p2_first' or 'arrival'" in message
    file.write_text('[queue]\ntie_break = "arrival"\n')
    assert load_config(file).queue.tie_break == "arrival"
    file.write_text("[queue]\n")
    assert load_config(file).queue.tie_break == "p2_first"


def test_sms_delivery_reports_need_an_unguessable_secret_that_never_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "sms.toml"
    file.write_text('[sms]\nprovider = "46elks"\ncallback_url = "https://minvard.example.se/"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(file)
    assert f"{file}: sms:" in str(caught.value)
    assert "callback_secret (MINVARD_SMS_CALLBACK_SECRET)" in str(caught.value)
    monkeypatch.setenv("MINVARD_SMS_CALLBACK_SECRET", "kort-och-gissbart")
    with pytest.raises(ConfigError) as caught:
        load_config(file)
    assert f"{file}: sms.callback_secret:" in str(caught.value)
    assert "kort-och-gissbart" not in str(caught.value)
    secret = "Ch7tW2m9QxK4pLr8vNs3bZy6dFg1hJk5eAc0uTo-_iM"
    monkeypatch.setenv("MINVARD_SMS_CALLBACK_SECRET", secret)
    config = load_config(file)
    assert config.sms.callback_url == "https://minvard.example.se"
    assert config.sms.callback_secret == secret and secret not in repr(config)
