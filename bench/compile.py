"""Compile time (`pwc compile` as a command, Python start-up included) and
module size, per example, for this tree and for another commit side by side.

    .venv/bin/python bench/compile.py                     # against main, every example
    .venv/bin/python bench/compile.py --against HEAD~3 --runs 21 banana metrics

The other commit is exported with `git archive` into a temporary folder and
run with this tree's interpreter and packages, its own `pwc` first on the
path; the runs of both alternate, so a load that comes and goes on the
machine weighs on both alike.  Each run is a fresh `python -m pwc.cli compile`
process; the first of each (not counted) writes the bytecode caches, as any
installed copy has them.  Printed per example: the module sizes, the median
wall-clock time and the median CPU time (user + system, steadier than wall
time on a shared machine) of each tree, and their ratios.

`--instructions` adds what does not depend on the machine's load or clock:
the instructions one compile executes (valgrind's callgrind, which counts
every instruction of the Python process; wat2wasm, a child, is not
counted), per tree.  A machine whose speed comes and goes (shared cores,
changing clocks) moves the times between runs; the instructions stay put.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def export(ref: str, into: Path) -> Path:
    """The tree of commit `ref`, written under `into`."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def compile_once(tree: Path, source: Path, output: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, module bytes) of one `pwc compile` of `source` with `tree`'s pwc."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pwc.cli", "compile", str(source), "-o", str(output), "-q"],
                   env=env, check=True, cwd=tree)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, output.stat().st_size


def instructions(tree: Path, source: Path, output: Path) -> int:
    """Instructions one `pwc compile` of `source` executes (callgrind; caches written by a run before)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    ran = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m",
                          "pwc.cli", "compile", str(source), "-o", str(output), "-q"],
                         env=env, cwd=tree, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", ran.stderr).group(1))  # type: ignore[union-attr]


def measure(trees: dict[str, Path], source: Path, runs: int, scratch: Path) -> dict[str, tuple[float, float, int]]:
    """Per tree: (median wall, median CPU, size), runs alternating between the trees."""
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
    for run in range(runs + 1):
        for name, tree in trees.items():
            sample = compile_once(tree, source, scratch / f"{name}.wasm")
            if run:  # the first run of each wrote the bytecode caches
                samples[name].append(sample)
    return {name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got), got[0][2])
            for name, got in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", help="example names (default: every examples/*.pwf)")
    parser.add_argument("--against", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--runs", type=int, default=11, help="timed runs per example and tree (default: 11)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each compile's instructions with valgrind (about 10 s per example and tree)")
    args = parser.parse_args(argv)
    if args.instructions and not shutil.which("valgrind"):
        parser.error("--instructions needs valgrind (Debian's package valgrind)")
    names = args.examples or sorted(path.stem for path in (ROOT / "examples").glob("*.pwf"))
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} CPUs; {args.runs} runs each; before = {args.against}, after = this tree")
    counted = " instructions before | instructions after | ratio |" if args.instructions else ""
    print("| example | size before | size after | ratio | wall before | wall after | ratio | CPU before | CPU after | ratio |"
          + counted)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + "---:|---:|---:|" * args.instructions)
    with tempfile.TemporaryDirectory(prefix="pwc-bench-") as tmp:
        trees = {"before": export(args.against, Path(tmp) / "before"), "after": ROOT}
        for name in names:
            got = measure(trees, ROOT / "examples" / f"{name}.pwf", args.runs, Path(tmp))
            (wall_b, cpu_b, size_b), (wall_a, cpu_a, size_a) = got["before"], got["after"]
            row = (f"| {name} | {size_b:,} | {size_a:,} | {size_a / size_b:.2f} | {wall_b * 1000:.0f} ms | "
                   f"{wall_a * 1000:.0f} ms | {wall_a / wall_b:.2f} | {cpu_b * 1000:.0f} ms | {cpu_a * 1000:.0f} ms | "
                   f"{cpu_a / cpu_b:.2f} |")
            if args.instructions:
                source, out = ROOT / "examples" / f"{name}.pwf", Path(tmp) / "counted.wasm"
                before, after = (instructions(trees[tree], source, out) for tree in ("before", "after"))
                row += f" {before / 1e6:,.0f} M | {after / 1e6:,.0f} M | {after / before:.2f} |"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
