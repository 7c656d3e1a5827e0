"""What still keeps rules in the module: `pwc plan` over every example and
the native-lowering corpus (tests/native_corpus.py), its reasons counted.

    .venv/bin/python bench/plan_census.py

A reason names lines and headers (`the rule on line 7 writes ...`); those
are blanked so that the same reason counts once per kind.  Printed: how
many rules each Envoy feature took, then the reasons rules stayed, most
frequent first, with how many came from the examples and from the corpus.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from native_corpus import filters  # noqa: E402

from pwc.compiler.driver import front_end  # noqa: E402
from pwc.compiler.plan import MODULE, plan  # noqa: E402
from pwc.compiler.source import Source  # noqa: E402

CORPUS_SIZE = 500
_SPECIFICS = [(re.compile(r"line \d+"), "line N"), (re.compile(r"`[^`]*`"), "`…`")]


def kind_of(reason: str) -> str:
    """The reason with its lines and names blanked."""
    for pattern, blank in _SPECIFICS:
        reason = pattern.sub(blank, reason)
    return reason


def placements(sources: dict[str, str]):
    for name, text in sources.items():
        result = front_end(Source(name, text))
        if not result.ok or result.checked is None:
            continue  # an example that needs configuration still plans; one that fails to check cannot
        yield from plan(result.checked, result.source).placements


def census() -> tuple[collections.Counter, dict[str, collections.Counter]]:
    examples = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.pwf"))}
    corpus = {f"native-{i}.pwf": text for i, text in enumerate(filters(CORPUS_SIZE))}
    moved: collections.Counter = collections.Counter()
    stayed: dict[str, collections.Counter] = {}
    for origin, sources in (("examples", examples), ("corpus", corpus)):
        for placed in placements(sources):
            if placed.where == MODULE:
                stayed.setdefault(kind_of(placed.reason), collections.Counter())[origin] += 1
            else:
                moved[(placed.where, origin)] += 1
    return moved, stayed


def main() -> int:
    moved, stayed = census()
    print("| Envoy feature | rules from the examples | rules from the corpus |\n|---|---:|---:|")
    for where in sorted({where for where, _ in moved}):
        print(f"| {where} | {moved[(where, 'examples')]} | {moved[(where, 'corpus')]} |")
    print("\n| why a rule stays in the module | examples | corpus | total |\n|---|---:|---:|---:|")
    ranked = sorted(stayed.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    for reason, counts in ranked:
        print(f"| {reason} | {counts['examples']} | {counts['corpus']} | {sum(counts.values())} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
