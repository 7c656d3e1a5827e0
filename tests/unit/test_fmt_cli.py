"""`pwc fmt` as a user runs it: printing one file, `-w` (atomic, unchanged
files untouched), `--check` (a diff and exit 1, or exit 0), folders, and a
file that does not parse among good ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FORMATTED = 'filter "good"\n\non request {\n  log info "x"  # kept\n}\n'
UNFORMATTED = 'filter "good"\non request {\n    log   info "x"   # kept\n\n\n}\n'
BROKEN = 'filter "bad"\non request {\n  set = 1\n}\n'


def pwc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *args], capture_output=True, text=True, cwd=cwd)


def files(folder: Path, **texts: str) -> dict[str, Path]:
    paths = {}
    for name, text in texts.items():
        path = folder / f"{name}.pwf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def test_one_file_is_printed_and_left_alone(tmp_path):
    path = files(tmp_path, a=UNFORMATTED)["a"]
    result = pwc("fmt", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == FORMATTED
    assert path.read_text() == UNFORMATTED


def test_write_rewrites_only_what_changes(tmp_path):
    paths = files(tmp_path, done=FORMATTED, todo=UNFORMATTED)
    past = 1_000_000_000
    os.utime(paths["done"], (past, past))
    inode = paths["todo"].stat().st_ino
    paths["todo"].chmod(0o640)
    result = pwc("fmt", "-w", str(paths["done"]), str(paths["todo"]))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{paths['todo']}: formatted\n"
    assert paths["todo"].read_text() == FORMATTED
    assert paths["todo"].stat().st_ino != inode  # replaced by a rename, never half written
    assert paths["todo"].stat().st_mode & 0o777 == 0o640  # with the permissions it had
    assert paths["done"].stat().st_mtime == past  # not touched at all
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.pwf", "todo.pwf"]  # no temporary left


def test_check_prints_a_diff_and_exits_1_when_a_file_is_not_formatted(tmp_path):
    paths = files(tmp_path, done=FORMATTED, todo=UNFORMATTED)
    result = pwc("fmt", "--check", str(paths["done"]), str(paths["todo"]))
    assert result.returncode == 1
    assert result.stdout.startswith(f"--- {paths['todo']}\n+++ {paths['todo']} (formatted)\n@@ ")
    assert '-    log   info "x"   # kept\n' in result.stdout and '+  log info "x"  # kept\n' in result.stdout
    assert str(paths["done"]) not in result.stdout
    assert paths["todo"].read_text() == UNFORMATTED  # --check changes nothing


def test_check_exits_0_when_every_file_is_formatted(tmp_path):
    files(tmp_path, a=FORMATTED, b=FORMATTED)
    result = pwc("fmt", "--check", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_folder_means_its_pwf_files_sorted(tmp_path):
    paths = files(tmp_path, **{"b": UNFORMATTED, "a": UNFORMATTED, "sub/c": UNFORMATTED, ".hidden/d": UNFORMATTED})
    (tmp_path / "notes.txt").write_text("not a filter")
    result = pwc("fmt", "-w", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{paths[name]}: formatted" for name in ("a", "b", "sub/c")]
    assert paths[".hidden/d"].read_text() == UNFORMATTED


def test_a_file_that_does_not_parse_is_reported_and_the_others_are_still_done(tmp_path):
    paths = files(tmp_path, a=UNFORMATTED, bad=BROKEN, c=UNFORMATTED)
    result = pwc("fmt", "-w", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{paths['bad']}:3:7: error: unexpected `=`")
    assert "Traceback" not in result.stderr
    assert paths["a"].read_text() == FORMATTED and paths["c"].read_text() == FORMATTED
    assert paths["bad"].read_text() == BROKEN


def test_several_files_without_write_or_check_is_a_usage_error(tmp_path):
    paths = files(tmp_path, a=FORMATTED, b=FORMATTED)
    result = pwc("fmt", str(paths["a"]), str(paths["b"]))
    assert result.returncode == 2
    assert "use -w or --check" in result.stderr


def test_a_missing_file_is_an_input_error(tmp_path):
    result = pwc("fmt", "--check", str(tmp_path / "nowhere.pwf"))
    assert result.returncode == 1
    assert "no such file" in result.stderr


def test_the_json_form_still_prints_as_pwf(tmp_path):
    source = files(tmp_path, a=FORMATTED)["a"]
    tree = pwc("parse", "--json", str(source))
    assert tree.returncode == 0, tree.stderr
    (tmp_path / "a.json").write_text(tree.stdout)
    result = pwc("fmt", str(tmp_path / "a.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == FORMATTED.replace("  # kept", "")  # the JSON form has no comments
    assert pwc("fmt", "-w", str(tmp_path / "a.json")).returncode == 2


def test_verify_still_matches_after_fmt_moved_lines(tmp_path):
    """fmt keeps the syntax hash, and a module records its source's lines: a
    module built from the original verifies against the formatted file, with a
    note that its lines moved; a changed module or program still does not."""
    path = files(tmp_path, a=UNFORMATTED)["a"]
    assert pwc("compile", "-q", str(path)).returncode == 0
    module = tmp_path / "a.wasm"
    before = path.read_text()
    assert pwc("fmt", "-w", str(path)).returncode == 0
    assert path.read_text().count("\n") != before.count("\n"), "the corpus must move lines"
    result = pwc("verify", str(module), "--source", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "its lines have moved since" in result.stdout + result.stderr
    tampered = tmp_path / "b.wasm"
    data = bytearray(module.read_bytes())
    data[data.index(b"good")] ^= 1  # the first copy: in the data segment, before the metadata
    tampered.write_bytes(bytes(data))
    assert pwc("verify", str(tampered), "--source", str(path)).returncode == 1
    assert pwc("compile", "-q", str(path)).returncode == 0
    assert pwc("verify", str(module), "--source", str(path)).returncode == 0


def test_the_examples_are_written_as_pwc_fmt_writes():
    """What a newcomer copies is what the formatter keeps: `pwc fmt --check examples/` passes."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    result = pwc("fmt", "--check", str(examples))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
