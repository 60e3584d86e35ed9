"""Mutual TLS to the BankID RP API: the fake on HTTPS requires a client certificate from the
test CA; the client presents one, and is refused without it."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from adapters.eid.bankid import BankIdClient, BankIdError, BankIdSettings, http_client
from tests.eid.fake_bankid import FakeBankId

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path.with_suffix(".key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def make_pki(folder: Path) -> None:
    """ca.crt; server.crt/key for 127.0.0.1; client.crt/key (the relying party)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test CA"))
        .issuer_name(_name("Test CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.crt").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    for name, usage in (
        ("server", ExtendedKeyUsageOID.SERVER_AUTH),
        ("client", ExtendedKeyUsageOID.CLIENT_AUTH),
    ):
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(f"Test {name}"))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(2 if name == "server" else 3)
            .not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(NOW + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
        )
        if name == "server":
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False,
            )
        _write(folder / name, builder.sign(ca_key, hashes.SHA256()), key)


@pytest.fixture
async def tls_fake(tmp_path: Path) -> AsyncIterator[tuple[FakeBankId, Path]]:
    make_pki(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(tmp_path / "ca.crt"))
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_cert_chain(str(tmp_path / "server.crt"), str(tmp_path / "server.key"))
    fake = FakeBankId()
    await fake.start(ssl_context=context)
    try:
        yield fake, tmp_path
    finally:
        await fake.stop()


async def test_client_certificate_presented(tls_fake: tuple[FakeBankId, Path]) -> None:
    fake, pki = tls_fake
    settings = BankIdSettings(
        base_url=fake.base_url,
        client_cert=str(pki / "client.crt"),
        client_key=str(pki / "client.key"),
        ca_file=str(pki / "ca.crt"),
        timeout_seconds=5.0,
    )
    assert settings.base_url.startswith("https://127.0.0.1:")
    async with http_client(settings) as http:
        order = await BankIdClient(http).auth("192.0.2.7")
    assert order.order_ref in fake.orders


async def test_refused_without_client_certificate(tls_fake: tuple[FakeBankId, Path]) -> None:
    fake, pki = tls_fake
    settings = BankIdSettings(
        base_url=fake.base_url, ca_file=str(pki / "ca.crt"), timeout_seconds=5
    )
    async with http_client(settings) as http:
        with pytest.raises(BankIdError) as refused:
            await BankIdClient(http).auth("192.0.2.7")
    assert refused.value.error_code == "unreachable"
    assert fake.orders == {}


async def test_server_not_from_the_configured_ca_refused(
    tls_fake: tuple[FakeBankId, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    fake, pki = tls_fake
    other = tmp_path_factory.mktemp("other-pki")
    make_pki(other)
    settings = BankIdSettings(
        base_url=fake.base_url,
        client_cert=str(pki / "client.crt"),
        client_key=str(pki / "client.key"),
        ca_file=str(other / "ca.crt"),
        timeout_seconds=5.0,
    )
    async with http_client(settings) as http:
        with pytest.raises(BankIdError):
            await BankIdClient(http).auth("192.0.2.7")
    assert fake.orders == {}
