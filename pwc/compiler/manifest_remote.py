"""Envoy fetching the module itself: `pwc manifest --for envoy|envoyfilter --url http(s)://...`.

Envoy's wasm filter can take its code from a URL (`vm_config.code.remote`):
it fetches the module through one of its own clusters when the filter's
configuration is loaded, compares the bytes with the `sha256` written here,
and only then creates the VM.  A module whose digest differs is refused like
one that cannot be fetched: the plugin fails to load, and a fail-closed
filter answers every request 503 (docs/deploy.md, "Fetching the module").

The cluster the fetch goes through is part of what is printed: for
`--for envoy` a cluster of the bootstrap, for `--for envoyfilter` a CLUSTER
patch that adds it to the sidecar or gateway (so the EnvoyFilter needs
nothing the mesh may not have).  Its name is derived from the URL's scheme,
host and port, so the same URL always gives the same name.
"""

from __future__ import annotations

import ipaddress
import string
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

from .. import envoy_config

FETCH_TIMEOUT_S = 10.0  # one attempt, the whole module
# A fetch that fails (the server not up yet, a dropped connection, the wrong
# bytes) is tried again this many times, waiting from RETRY_BASE_S up to
# RETRY_MAX_S (jittered, doubling) between attempts; the filter loads (or
# fails to) only after the last one.
FETCH_RETRIES = 2
RETRY_BASE_S = 0.5
RETRY_MAX_S = 4.0
# Where Debian, Ubuntu (Envoy's and Istio's proxy images) and Alpine keep the system CA bundle.
DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt"
TLS_SOCKET = "envoy.transport_sockets.tls"
TLS_TYPE = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"
DEFAULT_PORTS = {"http": 80, "https": 443}
# What a host name may hold (letters, digits, '-', '.'); IP literals are checked as such.
HOST_NAME_CHARS = frozenset(string.ascii_letters + string.digits + "-.")
# The schemes `--url` takes elsewhere, and what to use instead with Envoy.
OTHER_SCHEMES = {
    "oci": "Envoy cannot pull OCI images: push the module to an HTTP(S) server, or use --for istio",
    "file": "a local module is what --for envoy writes (--wasm) and --for envoyfilter reads (--filename)",
}


class UrlRefused(ValueError):
    """The URL as given cannot be fetched by Envoy; the message says why."""


@dataclass(frozen=True)
class Remote:
    """A module URL Envoy can fetch, taken apart."""

    url: str
    scheme: str
    host: str  # without IPv6 brackets
    port: int
    ca_file: str = DEFAULT_CA_FILE

    @property
    def tls(self) -> bool:
        return self.scheme == "https"

    @property
    def is_ip(self) -> bool:
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True

    @property
    def cluster_name(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"pwc-fetch-{self.scheme}-{host}-{self.port}"


def parse_remote(url: str, ca_file: str | None = None) -> Remote:
    """`url` as a Remote; UrlRefused saying what Envoy could not do with it."""
    if any(ch.isspace() or not ch.isprintable() or not ch.isascii() for ch in url):
        raise UrlRefused("the URL holds spaces, control or non-ASCII characters: percent-encode them in the path "
                         "(%20, %C3%A9), write a host name in its ASCII (xn--) form")
    try:
        parts = urlsplit(url)
    except ValueError as error:  # Python checks a bracketed host as it splits
        raise UrlRefused(f"not a URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme in OTHER_SCHEMES:
        raise UrlRefused(OTHER_SCHEMES[scheme])
    if scheme not in DEFAULT_PORTS:
        raise UrlRefused("Envoy fetches a module over http:// or https:// only")
    if parts.username is not None or parts.password is not None:
        raise UrlRefused("Envoy sends no credentials written in a URL (user@host): serve the module without them")
    if parts.fragment or url.endswith("#"):
        raise UrlRefused("a URL fragment (#...) is never sent to a server: leave it out")
    host = _host(parts)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise UrlRefused("the port must be a number from 1 to 65535")
    return Remote(url, scheme, host, port or DEFAULT_PORTS[scheme], ca_file or DEFAULT_CA_FILE)


def _host(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if not host:
        raise UrlRefused("the URL names no host")
    if parts.netloc.rpartition("@")[2].startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise UrlRefused(f"[{host}] is not an IPv6 address") from None
        return host
    if not set(host) <= HOST_NAME_CHARS or host.startswith(("-", ".")) or ".." in host:
        raise UrlRefused(f"{host!r} is not a host name (letters, digits, '-' and '.')")
    return host


def remote_code(remote: Remote, sha256: str) -> dict[str, Any]:
    """`vm_config.code` for a module Envoy fetches from `remote` and checks against `sha256`."""
    return {"remote": {
        "http_uri": {"uri": remote.url, "cluster": remote.cluster_name,
                     "timeout": envoy_config.duration(FETCH_TIMEOUT_S)},
        "sha256": sha256,
        "retry_policy": {"retry_back_off": {"base_interval": envoy_config.duration(RETRY_BASE_S),
                                            "max_interval": envoy_config.duration(RETRY_MAX_S)},
                         "num_retries": FETCH_RETRIES},
    }}


def fetch_cluster(remote: Remote) -> dict[str, Any]:
    """The cluster the fetch goes through: STATIC for an IP address, STRICT_DNS for a
    name; for https, TLS that checks the server's certificate against `ca_file` and
    its name (or IP address) against the URL's, sending the name as SNI."""
    cluster = envoy_config.cluster(remote.cluster_name, remote.host, remote.port)
    if remote.tls:
        cluster["transport_socket"] = _tls_socket(remote)
    return cluster


def _tls_socket(remote: Remote) -> dict[str, Any]:
    san = {"san_type": "IP_ADDRESS" if remote.is_ip else "DNS", "matcher": {"exact": remote.host}}
    context: dict[str, Any] = {"@type": TLS_TYPE}
    if not remote.is_ip:  # SNI carries host names only (RFC 6066)
        context["sni"] = remote.host
    context["common_tls_context"] = {"validation_context": {
        "trusted_ca": {"filename": remote.ca_file}, "match_typed_subject_alt_names": [san]}}
    return {"name": TLS_SOCKET, "typed_config": context}


def cluster_patch(remote: Remote) -> dict[str, Any]:
    """The EnvoyFilter patch adding the fetch cluster.  Context ANY: Istio adds a cluster
    patched in with ANY once, to the outbound clusters of a sidecar or the clusters of a
    gateway (pilot's envoyfilter.InsertedClusters), which every listener's filters can use."""
    return {"applyTo": "CLUSTER", "match": {"context": "ANY"},
            "patch": {"operation": "ADD", "value": fetch_cluster(remote)}}


# What requests meet when the module cannot be fetched or has other bytes, by fail strategy.
UNLOADED = {"FAIL_CLOSE": "every request gets 503", "FAIL_RELOAD": "every request gets 503",
            "FAIL_OPEN": "requests pass unfiltered"}


def notes(remote: Remote, module_file: str | None, strategy: str) -> list[str]:
    """Comment lines saying what the printed configuration expects of the server."""
    serve = f"Serve {module_file} as {remote.url}" if module_file else f"Serve the module as {remote.url}"
    lines = [f"{serve}: Envoy fetches it through cluster {remote.cluster_name}",
             f"and loads it only if its sha256 is the one above; else {UNLOADED[strategy]} ({strategy})."]
    if remote.tls:
        lines.append(f"The server's certificate is checked against {remote.ca_file} (--ca-file).")
    return lines
