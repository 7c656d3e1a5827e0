"""Tools the tests use from Debian packages that .ci/run installs (skopeo,
docker-registry, Neovim): where one is missing its tests skip, and under
CI=true they fail, since CI must really run them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def require(tool: str, path: str | None) -> str:
    """The tool's path; a skip where it is missing, a failure in CI."""
    if path and Path(path).exists():
        return path
    message = f"{tool} is not installed (Debian package; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
