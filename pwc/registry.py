"""Pushing an image to a registry with the OCI distribution API (`pwc push`).

    push(image, reference, plain_http=False, credentials=("user", "secret"))

Blobs first, each only if the registry lacks it (HEAD), uploaded whole (POST
opens an upload, PUT ?digest= closes it); then the manifest, PUT with its media
type.  A registry that answers 401 gets credentials the way it asks: Basic
with the given user and password, or Bearer with a token from its token
service (anonymous, or with the user and password).  HTTPS unless plain HTTP
is asked for.  Every failure is a RegistryError with one line to print: the
registry's own error codes when it sends them.
"""

from __future__ import annotations

import base64
import json
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .oci import Image, Reference

TIMEOUT_S = 30.0
USER_AGENT = "pwc"


class RegistryError(Exception):
    """A push that failed: `status` 2 for the environment (unreachable, refused, denied), 1 for the input."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses: a registry's upload Location is a 202, not a redirect,
    and blob HEADs may answer 307 to a storage URL, which only says "it exists"."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Client:
    """One registry, one repository: requests with the authorization the registry asked for."""

    reference: Reference
    plain_http: bool = False
    credentials: tuple[str, str] | None = None
    authorization: str | None = None
    _opener: urllib.request.OpenerDirector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect(), urllib.request.HTTPSHandler(
            context=ssl.create_default_context()))

    @property
    def base(self) -> str:
        scheme = "http" if self.plain_http else "https"
        return f"{scheme}://{self.reference.host}/v2/{self.reference.repository}"

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        """`url` relative to the repository's /v2/NAME/ (or absolute); one retry after a 401 challenge."""
        url = urllib.parse.urljoin(self.base + "/", url)
        response = self._send(method, url, body, headers or {})
        if response.status == 401 and self._authorize(response.headers.get("www-authenticate", "")):
            response = self._send(method, url, body, headers or {})
        if response.status == 401:
            raise RegistryError(f"{self.reference.host}: {self._denied(response)}")
        return response

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": USER_AGENT, **headers})
        if self.authorization and urllib.parse.urlsplit(url).netloc == self.reference.host:
            request.add_header("Authorization", self.authorization)  # never to another host an upload URL names
        try:
            with self._opener.open(request, timeout=TIMEOUT_S) as answer:
                return Response(answer.status, _lower(answer.headers), answer.read())
        except urllib.error.HTTPError as answer:
            return Response(answer.code, _lower(answer.headers), answer.read())
        except urllib.error.URLError as error:
            raise RegistryError(self._unreachable(error.reason)) from None
        except (OSError, ValueError) as error:
            raise RegistryError(self._unreachable(error)) from None

    def _unreachable(self, reason: object) -> str:
        host = self.reference.host
        if isinstance(reason, ssl.SSLCertVerificationError):
            return (f"{host}: its TLS certificate is not trusted ({reason.verify_message}); "
                    "name its CA in SSL_CERT_FILE")
        if isinstance(reason, ssl.SSLError) and not self.plain_http:
            return (f"{host}: the TLS handshake failed ({getattr(reason, 'reason', None) or reason}); "
                    "if this registry speaks plain HTTP, push with --plain-http")
        if isinstance(reason, ConnectionRefusedError):
            return f"{host}: connection refused (is a registry listening there?)"
        return f"{host}: cannot reach the registry ({getattr(reason, 'strerror', None) or reason})"

    def _authorize(self, challenge: str) -> bool:
        """Answer a WWW-Authenticate challenge; False when there is nothing new to send."""
        scheme, _, rest = challenge.partition(" ")
        if scheme.lower() == "basic" and self.credentials and not self.authorization:
            self.authorization = "Basic " + base64.b64encode(":".join(self.credentials).encode()).decode()
            return True
        if scheme.lower() == "bearer" and not (self.authorization or "").startswith("Bearer "):
            self.authorization = "Bearer " + self._token(dict(re.findall(r'(\w+)="([^"]*)"', rest)))
            return True
        return False

    def _token(self, challenge: dict[str, str]) -> str:
        """A token from the registry's token service (the realm of its challenge)."""
        realm = challenge.get("realm")
        if not realm:
            raise RegistryError(f"{self.reference.host}: asks for a Bearer token but names no token service")
        scope = f"repository:{self.reference.repository}:pull,push"
        query = urllib.parse.urlencode({key: value for key, value in
                                        (("service", challenge.get("service")), ("scope", scope)) if value})
        headers = {"User-Agent": USER_AGENT}
        if self.credentials and not (realm.startswith("https://") or self.plain_http):
            raise RegistryError(f"{self.reference.host}: its token service {realm} is not HTTPS: "
                                "pwc sends it no password")
        if self.credentials:
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(self.credentials).encode()).decode()
        url = realm + ("&" if "?" in realm else "?") + query
        try:
            with self._opener.open(urllib.request.Request(url, headers=headers), timeout=TIMEOUT_S) as answer:
                document = json.loads(answer.read())
        except urllib.error.HTTPError as answer:
            advice = "check the user and password" if self.credentials else "give --username and --password"
            raise RegistryError(f"{self.reference.host}: the token service {realm} refused ({answer.code}, {advice})") \
                from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise RegistryError(f"{self.reference.host}: cannot get a token from {realm} ({error})") from None
        token = document.get("token") or document.get("access_token") if isinstance(document, dict) else None
        if not isinstance(token, str):
            raise RegistryError(f"{self.reference.host}: the token service {realm} answered no token")
        return token

    def _denied(self, response: Response) -> str:
        if (self.authorization or "").startswith("Bearer "):
            advice = ("check that the user may push there" if self.credentials else
                      "give --username and --password (or PWC_REGISTRY_USER and PWC_REGISTRY_PASSWORD)")
            return f"the registry refused the token of its token service ({_errors(response)}): {advice}"
        if self.credentials:
            return f"authentication failed ({_errors(response)}): check the user and password"
        return ("the registry needs credentials: give --username and --password "
                "(or PWC_REGISTRY_USER and PWC_REGISTRY_PASSWORD)")


def _lower(headers) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


def _errors(response: Response) -> str:
    """The registry's error codes and messages, or the HTTP status."""
    try:
        errors = json.loads(response.body)["errors"]
        return "; ".join(f"{error.get('code')}: {error.get('message')}" for error in errors) or str(response.status)
    except (ValueError, KeyError, TypeError, AttributeError):
        return f"HTTP {response.status}"


def _expect(response: Response, statuses: tuple[int, ...], what: str, client: Client) -> Response:
    if response.status not in statuses:
        raise RegistryError(f"{client.reference.host}: {what} refused: {_errors(response)}")
    return response


def push_blob(client: Client, digest: str, data: bytes) -> bool:
    """Upload one blob unless the registry has it; True when it was uploaded."""
    head = client.request("HEAD", f"blobs/{digest}")
    if head.status in (200, 307):
        return False
    _expect(head, (404,), f"checking blob {digest}", client)
    started = _expect(client.request("POST", "blobs/uploads/", b""), (202,), "starting an upload", client)
    location = started.headers.get("location")
    if not location:
        raise RegistryError(f"{client.reference.host}: the upload was started without a Location to send it to")
    location += ("&" if "?" in location else "?") + urllib.parse.urlencode({"digest": digest})
    _expect(client.request("PUT", location, data, {"Content-Type": "application/octet-stream"}),
            (201, 204), f"uploading blob {digest}", client)
    return True


def push(image: Image, reference: Reference, plain_http: bool = False,
         credentials: tuple[str, str] | None = None) -> str:
    """Push `image` as `reference` (its tag, its digest, or "latest"); the manifest digest."""
    if reference.digest and reference.digest != image.digest:
        raise RegistryError(f"{reference}: the image's digest is {image.digest}, not the one in the reference", 1)
    client = Client(reference, plain_http, credentials)
    for digest, data in sorted(image.blobs.items()):
        push_blob(client, digest, data)
    target = reference.tag or reference.digest or "latest"
    answer = _expect(client.request("PUT", f"manifests/{target}", image.manifest, {"Content-Type": image.media_type}),
                     (201, 204), "the manifest", client)
    stored = answer.headers.get("docker-content-digest", image.digest)
    if stored != image.digest:
        raise RegistryError(f"{reference.host}: stored the manifest as {stored}, not {image.digest}")
    return image.digest
