"""A proxy-wasm module as an OCI image, the way Istio pulls one (`pwc package`).

Istio's WasmPlugin fetches `oci://` images that follow the Wasm image
specification (github.com/solo-io/wasm, spec/), in one of two variants:

    oci      an OCI artifact: its config and one of its two layers are the
             runtime config (application/vnd.module.wasm.config.v1+json), the
             other layer is the module's bytes as they are
             (application/vnd.module.wasm.content.layer.v1+wasm).  Istio's
             fetcher (pkg/wasm/imagefetcher.go) insists on exactly two layers
             and reads the one of the content type.
    compat   an ordinary OCI image: one tar+gzip layer holding `plugin.wasm`,
             and the annotation module.wasm.image/variant=compat.  Istio reads
             the last layer's `plugin.wasm`; docker, skopeo and every registry
             handle it like any image.

Everything is built in memory from the module's bytes alone, so the same
module always gives the same blobs and the same manifest digest (no time
stamps, tar entries owned by 0:0 with mtime 0, gzip without name or time).
This module is shared: the command line hands it the bytes to package.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

VARIANTS = ("oci", "compat")
DEFAULT_VARIANT = "oci"

MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"
INDEX_TYPE = "application/vnd.oci.image.index.v1+json"
WASM_CONFIG_TYPE = "application/vnd.module.wasm.config.v1+json"
WASM_CONTENT_TYPE = "application/vnd.module.wasm.content.layer.v1+wasm"
IMAGE_CONFIG_TYPE = "application/vnd.oci.image.config.v1+json"
TAR_GZIP_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip"
COMPAT_ANNOTATION = {"module.wasm.image/variant": "compat"}
TITLE = "org.opencontainers.image.title"
PLUGIN_FILE = "plugin.wasm"  # the name Istio looks for in a compat layer
RUNTIME_CONFIG_FILE = "runtime-config.json"
LAYOUT_VERSION = {"imageLayoutVersion": "1.0.0"}
WASM_MAGIC = b"\0asm"
# Docker's platform for Wasm images: the compat config names one because image
# tools expect it; Istio does not read it.
COMPAT_PLATFORM = {"architecture": "wasm", "os": "wasi"}


class ImageError(Exception):
    """Input that cannot be packaged or read back (a bad module, a folder that is no layout)."""


def digest_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def canonical_json(value: object) -> bytes:
    """One spelling per value, so digests depend only on content."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class Image:
    """A manifest and the blobs it names (config and layers), keyed by digest."""

    manifest: bytes
    blobs: dict[str, bytes] = field(default_factory=dict)
    media_type: str = MANIFEST_TYPE

    @property
    def digest(self) -> str:
        return digest_of(self.manifest)

    def descriptors(self) -> list[dict]:
        """The config's and layers' descriptors, in manifest order."""
        document = json.loads(self.manifest)
        return [document["config"], *document["layers"]]


def _descriptor(media_type: str, data: bytes, title: str | None = None) -> dict:
    descriptor: dict = {"mediaType": media_type, "digest": digest_of(data), "size": len(data)}
    if title:
        descriptor["annotations"] = {TITLE: title}
    return descriptor


def _image(config: dict, layers: list[tuple[dict, bytes]], config_blob: bytes,
           annotations: dict[str, str] | None = None) -> Image:
    manifest: dict = {"schemaVersion": 2, "mediaType": MANIFEST_TYPE, "config": config,
                      "layers": [descriptor for descriptor, _ in layers]}
    if annotations:
        manifest["annotations"] = annotations
    blobs = {config["digest"]: config_blob}
    blobs.update((descriptor["digest"], data) for descriptor, data in layers)
    return Image(canonical_json(manifest), blobs)


def build_image(module: bytes, variant: str = DEFAULT_VARIANT) -> Image:
    """The image of `module` in `variant` ("oci" or "compat")."""
    if not module.startswith(WASM_MAGIC) or len(module) < 8:
        raise ImageError("not a WebAssembly module (it does not start with \\0asm)")
    if variant == "oci":
        return _artifact_image(module)
    if variant == "compat":
        return _compat_image(module)
    raise ImageError(f"unknown variant {variant!r}; variants: {', '.join(VARIANTS)}")


def runtime_config(module: bytes) -> dict:
    """The spec's runtime config: the target runtime and the proxy-wasm ABI versions the module exports."""
    config: dict = {"type": "envoy_proxy"}
    versions = sorted(name for name in exported_names(module) if name.startswith("proxy_abi_version_"))
    if versions:
        config["abiVersions"] = versions
    return config


def _artifact_image(module: bytes) -> Image:
    config = canonical_json(runtime_config(module))
    return _image(_descriptor(WASM_CONFIG_TYPE, config),
                  [(_descriptor(WASM_CONFIG_TYPE, config, RUNTIME_CONFIG_FILE), config),
                   (_descriptor(WASM_CONTENT_TYPE, module, PLUGIN_FILE), module)], config)


def _compat_image(module: bytes) -> Image:
    archive = plugin_tar(module)
    layer = gzip.compress(archive, compresslevel=9, mtime=0)
    config = canonical_json({**COMPAT_PLATFORM, "config": {},
                             "rootfs": {"type": "layers", "diff_ids": [digest_of(archive)]}})
    return _image(_descriptor(IMAGE_CONFIG_TYPE, config), [(_descriptor(TAR_GZIP_TYPE, layer), layer)],
                  config, COMPAT_ANNOTATION)


def plugin_tar(module: bytes) -> bytes:
    """A tar holding only `plugin.wasm`, owned by root, dated 1970: the same bytes every time."""
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        entry = tarfile.TarInfo(PLUGIN_FILE)
        entry.size, entry.mode, entry.mtime = len(module), 0o644, 0
        entry.uid = entry.gid = 0
        entry.uname = entry.gname = ""
        archive.addfile(entry, io.BytesIO(module))
    return stream.getvalue()


# ---------------------------------------------------------------- the module's exports


def _leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise ImageError("not a WebAssembly module (it ends inside a number)")
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return value, at


def exported_names(module: bytes) -> list[str]:
    """The names in the module's export section (section 7), read without a Wasm engine."""
    at = 8
    while at < len(module):
        section, size_at = module[at], at + 1
        size, at = _leb128(module, size_at)
        if section == 7:
            return _export_names(module[at:at + size])
        at += size
    return []


def _export_names(section: bytes) -> list[str]:
    count, at = _leb128(section, 0)
    names = []
    for _ in range(count):
        length, at = _leb128(section, at)
        names.append(section[at:at + length].decode("utf-8", "replace"))
        _, at = _leb128(section, at + length + 1)  # the kind byte, then the index
    return names


# ---------------------------------------------------------------- OCI image layout on disk


def write_layout(image: Image, folder: Path) -> None:
    """`folder` becomes an OCI image layout holding `image` alone (oci-layout, index.json,
    blobs/sha256/...).  A folder that is already a layout is replaced whole; any other
    folder that is not empty is refused."""
    if folder.exists() and not folder.is_dir():
        raise ImageError(f"{folder}: a file, not a folder for an OCI image layout")
    if folder.exists() and not (folder / "oci-layout").is_file() and any(folder.iterdir()):
        raise ImageError(f"{folder}: a folder that is not an OCI image layout; give an empty or new folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        blobs = staging / "blobs" / "sha256"
        blobs.mkdir(parents=True)
        for digest, data in sorted({**image.blobs, image.digest: image.manifest}.items()):
            (blobs / digest.removeprefix("sha256:")).write_bytes(data)
        index = {"schemaVersion": 2, "mediaType": INDEX_TYPE,
                 "manifests": [{"mediaType": image.media_type, "digest": image.digest, "size": len(image.manifest)}]}
        (staging / "index.json").write_bytes(canonical_json(index))
        (staging / "oci-layout").write_bytes(canonical_json(LAYOUT_VERSION))
        staging.chmod(0o755)
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_layout(folder: Path) -> Image:
    """The one image of an OCI image layout, each blob checked against its digest."""
    try:
        index = json.loads((folder / "index.json").read_bytes())
        manifests = index["manifests"]
        if len(manifests) != 1:
            raise ImageError(f"{folder}: the layout holds {len(manifests)} images; pwc pushes a layout of one")
        image = Image(_blob(folder, manifests[0]["digest"]), media_type=manifests[0]["mediaType"])
        for descriptor in image.descriptors():
            image.blobs[descriptor["digest"]] = _blob(folder, descriptor["digest"])
    except FileNotFoundError as error:
        raise ImageError(f"{folder}: not an OCI image layout ({Path(error.filename).name} is missing)") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImageError(f"{folder}: not a readable OCI image layout ({type(error).__name__}: {error})") from None
    return image


def _blob(folder: Path, digest: str) -> bytes:
    algorithm, _, hexdigest = digest.partition(":")
    if algorithm != "sha256" or not re.fullmatch(r"[0-9a-f]{64}", hexdigest):
        raise ImageError(f"{folder}: digest {digest!r} is not a sha256 digest")
    data = (folder / "blobs" / "sha256" / hexdigest).read_bytes()
    if digest_of(data) != digest:
        raise ImageError(f"{folder}: blob {digest} does not hold what its digest says")
    return data


# ---------------------------------------------------------------- image references


# The distribution spec's grammar, in parts: a registry host, a repository path
# of lower-case components, then a tag and/or a digest.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = rf"(?:localhost|\[[0-9a-fA-F:.]+\]|{_LABEL}(?:\.{_LABEL})+|{_LABEL}(?=:))(?::[0-9]{{1,5}})?"
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
REFERENCE = re.compile(rf"(?P<host>{_HOST})/(?P<repository>{_COMPONENT}(?:/{_COMPONENT})*)"
                       r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?P<digest>sha256:[0-9a-f]{64}))?")


@dataclass(frozen=True)
class Reference:
    """REGISTRY/REPOSITORY[:TAG][@sha256:...]: where an image lives."""

    host: str
    repository: str
    tag: str | None = None
    digest: str | None = None

    def __str__(self) -> str:
        return (f"{self.host}/{self.repository}" + (f":{self.tag}" if self.tag else "")
                + (f"@{self.digest}" if self.digest else ""))

    def pinned(self, digest: str) -> str:
        """The reference that names exactly one image: REGISTRY/REPOSITORY@sha256:..."""
        return f"{self.host}/{self.repository}@{digest}"


def parse_reference(text: str) -> Reference:
    """A reference with an explicit registry (`ghcr.io/acme/banana:1`, `127.0.0.1:5000/banana@sha256:...`);
    ImageError saying what is wrong otherwise."""
    text = text.removeprefix("oci://")
    match = REFERENCE.fullmatch(text)
    if match is None:
        first = text.partition("/")[0]
        if "/" not in text or not ("." in first or ":" in first or first == "localhost"):
            raise ImageError(f"{text!r}: name the registry too, as in ghcr.io/acme/banana:1 or 127.0.0.1:5000/banana:1")
        raise ImageError(f"{text!r} is not an image reference: REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST], "
                         "the repository in lower case (a-z, 0-9, '.', '_', '-', '/')")
    return Reference(match["host"], match["repository"], match["tag"], match["digest"])


def istio_source(reference: Reference, module: bytes, variant: str = DEFAULT_VARIANT) -> dict[str, str]:
    """A WasmPlugin's `url` (and `sha256`) for `reference`.  Istio compares `sha256` of an
    oci:// url with the image's manifest digest (pkg/wasm/cache.go), not the module's: a
    digest reference pins itself; a tag gets the digest of pwc's image of `module`."""
    if reference.digest:
        return {"url": f"oci://{reference.pinned(reference.digest)}"}
    digest = build_image(module, variant).digest
    return {"url": f"oci://{reference}", "sha256": digest.removeprefix("sha256:")}


def image_note(reference: Reference, module: bytes, variant: str = DEFAULT_VARIANT,
               source: str = "FILE") -> list[str]:
    """Comment lines for a manifest: which image the url names, and how it relates to `module`."""
    if not reference.digest:
        return [f"sha256 is the digest of pwc's {variant} image of this module: push it with",
                f"`pwc push {source} {reference}{'' if variant == DEFAULT_VARIANT else ' --variant ' + variant}`;"
                " Istio refuses any other image under that tag."]
    ours = {name: build_image(module, name).digest for name in VARIANTS}
    if reference.digest in ours.values():
        variant = next(name for name, digest in ours.items() if digest == reference.digest)
        return [f"The image is pwc's {variant} image of this module, pinned by its digest."]
    return [f"The image {reference.digest} is not pwc's image of this module",
            f"({', '.join(f'{name}: {digest}' for name, digest in ours.items())}): make sure it holds this filter."]
