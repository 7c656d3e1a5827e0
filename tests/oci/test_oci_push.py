"""`pwc push` to a real registry (docker-registry on 127.0.0.1), read back with
skopeo as another client would, and `pwc manifest --image` pointing Istio at it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from istio_crds import check_against_crd
from pwc import oci, registry as client
from pwc.compiler.driver import compile_file

pytestmark = pytest.mark.oci

ROOT = Path(__file__).resolve().parents[2]
BANANA = ROOT / "examples" / "banana.pwf"  # the talk's filter

WASM_CONFIG = "application/vnd.module.wasm.config.v1+json"
WASM_CONTENT = "application/vnd.module.wasm.content.layer.v1+wasm"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"


def pwc(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("PWC_REGISTRY_")}
    return subprocess.run([sys.executable, "-m", "pwc.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**clean, **(env or {})})


@pytest.fixture(scope="module")
def banana() -> bytes:
    return compile_file(BANANA)


def pushed(*args: object, env: dict[str, str] | None = None) -> tuple[str, str]:
    """`pwc push ARGS`'s two lines: the digest and the pinned reference."""
    done = pwc("push", *args, env=env)
    assert done.returncode == 0, done.stderr
    digest, pinned = done.stdout.splitlines()
    return digest, pinned


def skopeo_raw(skopeo: str, reference: str) -> bytes:
    done = subprocess.run([skopeo, "inspect", "--raw", "--tls-verify=false", f"docker://{reference}"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def skopeo_pull(skopeo: str, reference: str, folder: Path) -> dict:
    """Copy the image into an OCI layout at `folder`; its manifest."""
    done = subprocess.run([skopeo, "copy", "--src-tls-verify=false", f"docker://{reference}", f"oci:{folder}"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads((folder / "index.json").read_text())["manifests"]
    return json.loads(blob(folder, entry["digest"]))


def blob(folder: Path, digest: str) -> bytes:
    return (folder / "blobs" / "sha256" / digest.removeprefix("sha256:")).read_bytes()


def test_oci_variant_round_trip(registry, skopeo, banana, tmp_path):
    layout = tmp_path / "banana.oci"
    assert pwc("package", BANANA, "-o", layout).returncode == 0
    digest, pinned = pushed(layout, f"{registry.host}/talk/banana:1", "--plain-http")
    assert pinned == f"{registry.host}/talk/banana@{digest}"
    raw = skopeo_raw(skopeo, f"{registry.host}/talk/banana:1")
    assert "sha256:" + hashlib.sha256(raw).hexdigest() == digest  # the digest printed is the registry's
    manifest = skopeo_pull(skopeo, pinned, tmp_path / "pulled")
    assert manifest["mediaType"] == OCI_MANIFEST and manifest["config"]["mediaType"] == WASM_CONFIG
    assert sorted(layer["mediaType"] for layer in manifest["layers"]) == sorted([WASM_CONFIG, WASM_CONTENT])
    (content,) = [layer for layer in manifest["layers"] if layer["mediaType"] == WASM_CONTENT]
    assert blob(tmp_path / "pulled", content["digest"]) == banana


def test_compat_variant_round_trip(registry, skopeo, banana, tmp_path):
    digest, pinned = pushed(BANANA, f"{registry.host}/talk/banana-compat:1", "--plain-http", "--variant", "compat")
    raw = skopeo_raw(skopeo, pinned)
    assert "sha256:" + hashlib.sha256(raw).hexdigest() == digest
    manifest = skopeo_pull(skopeo, f"{registry.host}/talk/banana-compat:1", tmp_path / "pulled")
    assert manifest["mediaType"] == OCI_MANIFEST and manifest["config"]["mediaType"] == OCI_CONFIG
    assert manifest["annotations"] == {"module.wasm.image/variant": "compat"}
    assert [layer["mediaType"] for layer in manifest["layers"]] == [OCI_TAR_GZIP]
    layer = gzip.decompress(blob(tmp_path / "pulled", manifest["layers"][0]["digest"]))
    with tarfile.open(fileobj=io.BytesIO(layer)) as archive:
        assert archive.getnames() == ["plugin.wasm"]
        assert archive.extractfile("plugin.wasm").read() == banana


def test_pushing_again_changes_nothing(registry, skopeo, banana):
    reference = f"{registry.host}/again:1"
    first = pushed(BANANA, reference, "--plain-http")
    second = pushed(BANANA, reference, "--plain-http")
    assert first == second
    assert "sha256:" + hashlib.sha256(skopeo_raw(skopeo, reference)).hexdigest() == first[0]
    image = oci.build_image(banana)
    session = client.Client(oci.parse_reference(reference), plain_http=True)
    assert [client.push_blob(session, digest, data) for digest, data in image.blobs.items()] == [False, False]


def test_push_by_digest_and_a_wrong_digest(registry, skopeo, banana):
    digest = oci.build_image(banana, "compat").digest
    assert pushed(BANANA, f"{registry.host}/pinned@{digest}", "--plain-http", "--variant", "compat")[0] == digest
    assert "sha256:" + hashlib.sha256(skopeo_raw(skopeo, f"{registry.host}/pinned@{digest}")).hexdigest() == digest
    wrong = pwc("push", BANANA, f"{registry.host}/pinned@{digest}", "--plain-http")  # the oci variant's is another
    assert wrong.returncode == 1 and "not the one in the reference" in wrong.stderr


def one_line_error(done: subprocess.CompletedProcess, status: int, *words: str) -> None:
    assert done.returncode == status, done.stderr
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def test_push_refusals(registry, tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        nobody = f"127.0.0.1:{probe.getsockname()[1]}"
    one_line_error(pwc("push", BANANA, "banana:1", "--plain-http"), 1, "name the registry")
    one_line_error(pwc("push", BANANA, f"{registry.host}/Banana:1", "--plain-http"), 1, "lower case")
    one_line_error(pwc("push", BANANA, f"{nobody}/banana:1", "--plain-http"), 2, "connection refused")
    one_line_error(pwc("push", BANANA, f"{registry.host}/banana:1"), 2, "TLS", "--plain-http")
    one_line_error(pwc("push", BANANA, f"{registry.host}/banana:1", "--plain-http", "--username", "ada"), 1,
                   "without a password")
    assert pwc("package", BANANA, "-o", tmp_path / "layout").returncode == 0
    one_line_error(pwc("push", tmp_path / "layout", f"{registry.host}/banana:1", "--plain-http", "--variant", "compat"),
                   2, "--variant does nothing with a layout")


def test_basic_credentials(basic_registry, skopeo):
    user, password = basic_registry.credentials
    reference = f"{basic_registry.host}/private/banana:1"
    one_line_error(pwc("push", BANANA, reference, "--plain-http"), 2, "needs credentials", "--username")
    one_line_error(pwc("push", BANANA, reference, "--plain-http", "--username", user, "--password", "wrong"), 2,
                   "authentication failed", "check the user and password")
    digest, _ = pushed(BANANA, reference, "--plain-http", env={"PWC_REGISTRY_USER": user,
                                                                "PWC_REGISTRY_PASSWORD": password})
    assert pushed(BANANA, reference, "--plain-http", "--username", user, "--password", password)[0] == digest
    done = subprocess.run([skopeo, "inspect", "--raw", "--tls-verify=false", f"--creds={user}:{password}",
                           f"docker://{reference}"], capture_output=True, timeout=60)
    assert done.returncode == 0 and "sha256:" + hashlib.sha256(done.stdout).hexdigest() == digest


def wasm_plugin(*args: object) -> tuple[dict, str]:
    done = pwc("manifest", BANANA, "--for", "istio", *args)
    assert done.returncode == 0, done.stderr
    plugin = yaml.safe_load(done.stdout)
    check_against_crd(plugin, "wasmplugins.yaml")
    return plugin["spec"], done.stdout


def test_wasmplugin_for_the_pushed_image(registry, skopeo):
    """Istio compares `sha256` of an oci:// url with the manifest digest it pulls (pkg/wasm/cache.go)."""
    tagged = f"{registry.host}/talk/banana:2"
    digest, pinned = pushed(BANANA, tagged, "--plain-http")
    spec, text = wasm_plugin("--image", pinned)
    assert spec["url"] == f"oci://{pinned}" and "sha256" not in spec
    assert "pwc's oci image of this module, pinned by its digest" in text
    spec, text = wasm_plugin("--image", tagged)
    assert f"`pwc push banana.pwf {tagged}`" in text
    assert spec["url"] == f"oci://{tagged}" and spec["sha256"] == digest.removeprefix("sha256:")
    registry_digest = "sha256:" + hashlib.sha256(skopeo_raw(skopeo, tagged)).hexdigest()
    assert spec["sha256"] == registry_digest.removeprefix("sha256:")

    compat, _ = pushed(BANANA, f"{registry.host}/talk/banana:compat", "--plain-http", "--variant", "compat")
    spec, _ = wasm_plugin("--image", f"{registry.host}/talk/banana:compat", "--variant", "compat")
    assert spec["sha256"] == compat.removeprefix("sha256:")
    _, text = wasm_plugin("--image", f"{registry.host}/other@sha256:{'0' * 64}")
    assert "is not pwc's image of this module" in text
    done = pwc("manifest", BANANA, "--for", "trafficextension", "--image", tagged)
    extension = yaml.safe_load(done.stdout)
    check_against_crd(extension, "trafficextensions.yaml")
    assert extension["spec"]["wasm"]["url"] == f"oci://{tagged}"
    assert extension["spec"]["wasm"]["sha256"] == digest.removeprefix("sha256:")


def test_manifest_image_refusals():
    one_line_error(pwc("manifest", BANANA, "--for", "istio", "--image", "banana:1"), 1, "--image", "name the registry")
    one_line_error(pwc("manifest", BANANA, "--for", "istio", "--image", "r.io/b:1", "--url", "oci://r.io/b:1"), 2,
                   "give one")
    one_line_error(pwc("manifest", BANANA, "--for", "istio", "--variant", "compat"), 2, "give --image too")
    one_line_error(pwc("manifest", BANANA, "--for", "envoyfilter", "--image", "r.io/b:1"), 2, "--image does nothing")


def test_bearer_token_anonymous(token_registry, skopeo):
    server, service = token_registry
    reference = f"{server.host}/open/banana:1"
    digest, _ = pushed(BANANA, reference, "--plain-http")
    assert {"service": "pwc-test-registry", "scope": "repository:open/banana:pull,push"} in service.asked
    assert pushed(BANANA, reference, "--plain-http")[0] == digest


def test_bearer_token_with_credentials(private_token_registry):
    server, service = private_token_registry
    user, password = server.credentials
    reference = f"{server.host}/private/banana:1"
    one_line_error(pwc("push", BANANA, reference, "--plain-http"), 2, "token service", "refused (401, give --username")
    one_line_error(pwc("push", BANANA, reference, "--plain-http", "--username", user, "--password", "wrong"), 2,
                   "refused (401, check the user and password)")
    digest, pinned = pushed(BANANA, reference, "--plain-http", "--username", user, "--password", password)
    assert pinned == f"{server.host}/private/banana@{digest}"


def test_https_is_the_default(tls_registry, skopeo):
    """Without --plain-http pwc talks TLS and checks the certificate (trusted through SSL_CERT_FILE)."""
    reference = f"{tls_registry.host}/secure/banana:1"
    one_line_error(pwc("push", BANANA, reference), 2, "certificate", "not trusted", "SSL_CERT_FILE")
    digest, _ = pushed(BANANA, reference, env={"SSL_CERT_FILE": str(tls_registry.ca)})
    done = subprocess.run([skopeo, "inspect", "--raw", "--tls-verify=false", f"docker://{reference}"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0 and "sha256:" + hashlib.sha256(done.stdout).hexdigest() == digest
    one_line_error(pwc("push", BANANA, reference, "--plain-http"), 2, "refused")


def test_no_password_to_a_plain_http_token_service(tls_token_registry):
    server, service = tls_token_registry
    user, password = server.credentials
    done = pwc("push", BANANA, f"{server.host}/private/banana:1", "--username", user, "--password", password,
               env={"SSL_CERT_FILE": str(server.ca)})
    one_line_error(done, 2, "is not HTTPS", "sends it no password")
    assert service.asked == []
