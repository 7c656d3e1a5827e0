"""`pwc package`: the image of a module as an OCI image layout, read back as
Istio's fetcher reads it (pkg/wasm/imagefetcher.go), byte for byte the same
for the same module."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from pwc.compiler.driver import compile_file
from pwc.oci import ImageError, exported_names, parse_reference

pytestmark = pytest.mark.oci

ROOT = Path(__file__).resolve().parents[2]
BANANA = ROOT / "examples" / "banana.pwf"  # the talk's filter: the regex rewrite of /banana/N to /status/N

# The media types of the Wasm image specification, spelt out here as the spec does.
WASM_CONFIG = "application/vnd.module.wasm.config.v1+json"
WASM_CONTENT = "application/vnd.module.wasm.content.layer.v1+wasm"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"


def pwc(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def banana() -> bytes:
    return compile_file(BANANA)


def layout_manifest(folder: Path) -> tuple[bytes, dict]:
    """The raw manifest of the layout's one image, and its parsed form."""
    index = json.loads((folder / "index.json").read_text())
    assert json.loads((folder / "oci-layout").read_text()) == {"imageLayoutVersion": "1.0.0"}
    (entry,) = index["manifests"]
    raw = blob(folder, entry["digest"])
    assert entry["mediaType"] == OCI_MANIFEST and entry["size"] == len(raw)
    return raw, json.loads(raw)


def blob(folder: Path, digest: str) -> bytes:
    return (folder / "blobs" / "sha256" / digest.removeprefix("sha256:")).read_bytes()


def module_as_istio_reads_it(folder: Path, manifest: dict) -> bytes:
    """What Istio's fetcher takes from the image: the last layer's plugin.wasm when it is
    tar+gzip (compat), else, of exactly two layers, the one of the Wasm content type."""
    layers = manifest["layers"]
    if layers[-1]["mediaType"] == OCI_TAR_GZIP:
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(blob(folder, layers[-1]["digest"])))) as archive:
            return archive.extractfile("plugin.wasm").read()
    assert len(layers) == 2, "Istio reads an oci-variant image of exactly two layers"
    (content,) = [layer for layer in layers if layer["mediaType"] == WASM_CONTENT]
    return blob(folder, content["digest"])


def test_oci_variant_is_the_wasm_artifact_istio_reads(banana, tmp_path):
    done = pwc("package", BANANA, "-o", tmp_path / "banana")
    assert done.returncode == 0, done.stderr
    raw, manifest = layout_manifest(tmp_path / "banana")
    assert manifest["mediaType"] == OCI_MANIFEST
    assert manifest["config"]["mediaType"] == WASM_CONFIG
    assert [layer["mediaType"] for layer in manifest["layers"]] == [WASM_CONFIG, WASM_CONTENT]
    config = json.loads(blob(tmp_path / "banana", manifest["config"]["digest"]))
    assert config == {"type": "envoy_proxy", "abiVersions": ["proxy_abi_version_0_2_1"]}
    assert module_as_istio_reads_it(tmp_path / "banana", manifest) == banana
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    assert done.stdout == f"{tmp_path / 'banana'}: oci image {digest}\n"


def test_compat_variant_is_an_ordinary_image_holding_plugin_wasm(banana, tmp_path):
    done = pwc("package", BANANA, "-o", tmp_path / "compat", "--variant", "compat")
    assert done.returncode == 0, done.stderr
    _, manifest = layout_manifest(tmp_path / "compat")
    assert manifest["annotations"] == {"module.wasm.image/variant": "compat"}
    assert manifest["config"]["mediaType"] == OCI_CONFIG
    assert [layer["mediaType"] for layer in manifest["layers"]] == [OCI_TAR_GZIP]
    layer = blob(tmp_path / "compat", manifest["layers"][0]["digest"])
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(layer))) as archive:
        (entry,) = archive.getmembers()
        assert (entry.name, entry.mtime, entry.uid, entry.gid, entry.mode) == ("plugin.wasm", 0, 0, 0, 0o644)
    assert module_as_istio_reads_it(tmp_path / "compat", manifest) == banana
    config = json.loads(blob(tmp_path / "compat", manifest["config"]["digest"]))
    uncompressed = "sha256:" + hashlib.sha256(gzip.decompress(layer)).hexdigest()
    assert config["rootfs"] == {"type": "layers", "diff_ids": [uncompressed]}
    assert layer[4:8] == b"\0\0\0\0"  # gzip's time stamp


def files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("variant", ["oci", "compat"])
def test_same_module_same_bytes_whatever_the_input(banana, tmp_path, variant):
    """From the .pwf and from its .wasm, twice, at different times: identical layouts."""
    (tmp_path / "banana.wasm").write_bytes(banana)
    first = pwc("package", BANANA, "-o", tmp_path / "a", "--variant", variant)
    os.utime(tmp_path / "banana.wasm", (1, 1))
    second = pwc("package", tmp_path / "banana.wasm", "--variant", variant)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert files(tmp_path / "a") == files(tmp_path / "banana.oci")  # the default: FILE.oci next to FILE
    assert first.stdout.split()[-1] == second.stdout.split()[-1]


def test_packaging_again_replaces_the_layout(tmp_path):
    assert pwc("package", BANANA, "-o", tmp_path / "l", "--variant", "compat").returncode == 0
    assert pwc("package", BANANA, "-o", tmp_path / "l").returncode == 0
    oci_only = tmp_path / "fresh"
    assert pwc("package", BANANA, "-o", oci_only).returncode == 0
    assert files(tmp_path / "l") == files(oci_only)  # no blob of the compat image is left


def test_compile_errors_are_located_and_nothing_is_written(tmp_path):
    source = tmp_path / "broken.pwf"
    source.write_text('filter "broken"\n\non request {\n  set request.headers["x"] = nope\n}\n')
    done = pwc("package", source)
    assert done.returncode == 1
    assert "broken.pwf:4:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "broken.oci").exists()


def test_refusals_are_one_line(tmp_path):
    (tmp_path / "not.wasm").write_bytes(b"hello, world")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    cases = [(("package", tmp_path / "not.wasm"), 1, "not a WebAssembly module"),
             (("package", BANANA, "-o", tmp_path / "notes"), 1, "not an OCI image layout"),
             (("package", tmp_path / "missing.pwf"), 1, "no such file"),
             (("package", BANANA, "-o", tmp_path / "not.wasm"), 1, "a file, not a folder"),
             (("push", tmp_path / "notes", "127.0.0.1:1/x:1", "--plain-http"), 1, "index.json is missing")]
    for args, status, message in cases:
        done = pwc(*args)
        assert done.returncode == status, (args, done.stderr)
        assert message in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert (tmp_path / "notes" / "keep.txt").read_text() == "mine"


def test_exported_names_are_read_without_an_engine(banana):
    assert exported_names(banana)[:2] == ["memory", "proxy_abi_version_0_2_1"]
    with pytest.raises(ImageError, match="ends inside a number"):
        exported_names(banana[:9] + b"\xff")


def test_references():
    good = {
        "127.0.0.1:5000/banana:1": ("127.0.0.1:5000", "banana", "1", None),
        "oci://ghcr.io/acme/filters/banana": ("ghcr.io", "acme/filters/banana", None, None),
        f"localhost:5000/b@sha256:{'a' * 64}": ("localhost:5000", "b", None, f"sha256:{'a' * 64}"),
        "registry:5000/x_y.z:v1.2-rc": ("registry:5000", "x_y.z", "v1.2-rc", None),
    }
    for text, parts in good.items():
        reference = parse_reference(text)
        assert (reference.host, reference.repository, reference.tag, reference.digest) == parts
        assert str(reference) == text.removeprefix("oci://")
    for bad, message in {"banana:1": "name the registry", "ghcr.io/Acme/banana:1": "lower case",
                         "ghcr.io/acme/banana@sha256:abc": "not an image reference",
                         "ghcr.io/acme/banana:": "not an image reference"}.items():
        with pytest.raises(ImageError, match=message):
            parse_reference(bad)
