"""The command blocks of docs/deploy.md that tests run: each is a ```sh block
right after a `<!-- tested: PATH ... -->` line naming the test file that runs it."""

from __future__ import annotations

import re
from pathlib import Path

DEPLOY_DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
BLOCK = re.compile(r"^<!-- tested: (\S+)[^\n]*-->\n```sh\n(.*?)^```$", re.M | re.S)


def documented_blocks(doc: Path = DEPLOY_DOC) -> dict[str, list[list[str]]]:
    """The test file named by each marker -> its blocks, each a list of command lines."""
    blocks: dict[str, list[list[str]]] = {}
    for test_file, body in BLOCK.findall(doc.read_text(encoding="utf-8")):
        blocks.setdefault(test_file, []).append([line for line in body.splitlines() if line.strip()])
    return blocks


def sh_block_count(doc: Path = DEPLOY_DOC) -> int:
    return doc.read_text(encoding="utf-8").count("```sh\n")
