"""Fixtures for the OCI tests: a real registry (Debian's `docker-registry`, the
distribution project's) on 127.0.0.1, and `skopeo` to read back what was pushed.

    def test_something(registry):
        pwc("push", "f.wasm", f"{registry.host}/f:1", "--plain-http")

Both are Debian packages that .ci/run installs.  Without them the tests skip
here, and fail under CI=true: CI must really run them.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import ipaddress
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from debian_tools import require

REGISTRY_BINARY = "/usr/bin/docker-registry"
START_TIMEOUT_S = 20.0


@pytest.fixture(scope="session")
def skopeo() -> str:
    return require("skopeo", shutil.which("skopeo"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Registry:
    host: str  # 127.0.0.1:PORT
    log: Path
    credentials: tuple[str, str] | None = None  # what it asks for, if it asks
    ca: Path | None = None  # the certificate of its TLS, if it speaks TLS


def _config(folder: Path, port: int, auth: list[str], tls: tuple[Path, Path] | None) -> Path:
    lines = ["version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:",
             f"    rootdirectory: {folder / 'storage'}", "http:", f"  addr: 127.0.0.1:{port}",
             "  secret: pwc-tests"]
    if tls is not None:
        lines += ["  tls:", f"    certificate: {tls[0]}", f"    key: {tls[1]}"]
    lines += auth
    config = folder / "config.yml"
    config.write_text("\n".join(lines) + "\n")
    return config


def _answers(host: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}/v2/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # 401 from a registry that wants credentials is an answer too
    except OSError:
        return False


def _start(folder: Path, auth: list[str], tls: tuple[Path, Path] | None = None) -> tuple[subprocess.Popen, Registry]:
    binary = require("docker-registry", REGISTRY_BINARY)
    port = free_port()
    log = folder / "registry.log"
    with log.open("wb") as output:
        process = subprocess.Popen([binary, "serve", str(_config(folder, port, auth, tls))],
                                   stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    registry = Registry(f"127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _answers(registry.host):
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"docker-registry did not start on {registry.host}:\n{log.read_text()}")
        time.sleep(0.05)
    return process, registry


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Iterator[Registry]:
    """An open registry: anyone may push."""
    process, server = _start(tmp_path_factory.mktemp("registry"), [])
    yield server
    _stop(process)


USER, PASSWORD = "ada", "lovelace-1843"


@pytest.fixture(scope="module")
def basic_registry(tmp_path_factory) -> Iterator[Registry]:
    """A registry that asks for Basic credentials: USER and PASSWORD (an htpasswd file, bcrypt)."""
    import bcrypt

    folder = tmp_path_factory.mktemp("basic-registry")
    htpasswd = folder / "htpasswd"
    htpasswd.write_text(f"{USER}:{bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()}\n")
    process, server = _start(folder, ["auth:", "  htpasswd:", "    realm: pwc-tests", f"    path: {htpasswd}"])
    server.credentials = (USER, PASSWORD)
    yield server
    _stop(process)



def self_signed(name: str, address: str | None = None):
    """A key and a self-signed CA certificate for `name` (and the IP `address`), valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
               .not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True))
    if address is not None:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]), critical=False)
    return key, builder.sign(key, hashes.SHA256())


def pem(certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_registry(tmp_path_factory) -> Iterator[Registry]:
    """An open registry that speaks HTTPS only, with a self-signed certificate for 127.0.0.1;
    `registry.ca` is that certificate (for SSL_CERT_FILE)."""
    folder = tmp_path_factory.mktemp("tls-registry")
    process, server = _start(folder, [], _tls_files(folder))
    server.ca = folder / "registry.pem"
    yield server
    _stop(process)


def _tls_files(folder: Path) -> tuple[Path, Path]:
    """registry.pem and registry.key in `folder`: a self-signed certificate for 127.0.0.1."""
    from cryptography.hazmat.primitives import serialization

    key, certificate = self_signed("127.0.0.1", "127.0.0.1")
    (folder / "registry.pem").write_bytes(pem(certificate))
    (folder / "registry.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return folder / "registry.pem", folder / "registry.key"


@dataclass
class TokenService:
    """A registry token service (the distribution project's token auth) on 127.0.0.1:
    it signs a JWT with a key whose certificate the registry trusts, granting what the
    client asks for; with `credentials` set it wants them as Basic auth first."""

    folder: Path
    credentials: tuple[str, str] | None = None
    asked: list[dict[str, str]] = field(default_factory=list)  # the query of every request

    SERVICE = "pwc-test-registry"
    ISSUER = "pwc-test-issuer"

    def __post_init__(self) -> None:
        self.key, self.certificate = self_signed(self.ISSUER)
        self.bundle = self.folder / "token-ca.pem"
        self.bundle.write_bytes(pem(self.certificate))

    def token(self, scope: str) -> str:
        import jwt
        from cryptography.hazmat.primitives import serialization

        kind, name, actions = scope.split(":")
        now = int(time.time())
        claims = {"iss": self.ISSUER, "sub": "pwc", "aud": self.SERVICE, "iat": now, "nbf": now - 60,
                  "exp": now + 300, "jti": str(now), "access": [{"type": kind, "name": name,
                                                                 "actions": actions.split(",")}]}
        chain = [base64.b64encode(self.certificate.public_bytes(serialization.Encoding.DER)).decode()]
        return jwt.encode(claims, self.key, algorithm="ES256", headers={"x5c": chain})

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(handler.path).query))
        self.asked.append(query)
        expected = "Basic " + base64.b64encode(":".join(self.credentials).encode()).decode() \
            if self.credentials else None
        if expected and handler.headers.get("Authorization") != expected:
            status, body = 401, b'{"details": "wrong credentials"}'
        else:
            status, body = 200, json.dumps({"token": self.token(query["scope"])}).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@contextlib.contextmanager
def serving(service: TokenService) -> Iterator[str]:
    """The token service on 127.0.0.1 for the block; its realm URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            service.answer(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/token"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _token_registry(folder: Path, credentials: tuple[str, str] | None,
                    tls: bool = False) -> Iterator[tuple[Registry, TokenService]]:
    service = TokenService(folder, credentials)
    with serving(service) as realm:
        process, server = _start(folder, ["auth:", "  token:", f"    realm: {realm}",
                                          f"    service: {service.SERVICE}", f"    issuer: {service.ISSUER}",
                                          f"    rootcertbundle: {service.bundle}"], _tls_files(folder) if tls else None)
        server.credentials = credentials
        server.ca = folder / "registry.pem" if tls else None
        try:
            yield server, service
        finally:
            _stop(process)


@pytest.fixture(scope="module")
def token_registry(tmp_path_factory) -> Iterator[tuple[Registry, TokenService]]:
    """A registry that wants Bearer tokens, and its token service, which gives them to anyone."""
    yield from _token_registry(tmp_path_factory.mktemp("token-registry"), None)


@pytest.fixture(scope="module")
def private_token_registry(tmp_path_factory) -> Iterator[tuple[Registry, TokenService]]:
    """The same with a token service that wants USER and PASSWORD."""
    yield from _token_registry(tmp_path_factory.mktemp("private-token-registry"), (USER, PASSWORD))


@pytest.fixture(scope="module")
def tls_token_registry(tmp_path_factory) -> Iterator[tuple[Registry, TokenService]]:
    """A registry on HTTPS whose token service (wanting USER and PASSWORD) is plain HTTP."""
    yield from _token_registry(tmp_path_factory.mktemp("tls-token-registry"), (USER, PASSWORD), tls=True)
