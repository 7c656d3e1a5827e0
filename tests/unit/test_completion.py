"""`pwc completion bash|zsh`: the scripts complete what the parser defines.  The
bash script is sourced in a real bash and its function called as bash calls it
(COMP_WORDS, COMP_CWORD); the zsh script is installed on $fpath of a real
interactive zsh, which is sent keystrokes and Tab (zsh_completion_driver.zsh)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from pwc.cli import build_parser, main
from pwc.completion import describe

HERE = Path(__file__).resolve().parent
# Every command the parser has, read from argparse itself (not from the generator under test).
COMMANDS = sorted(next(action for action in build_parser()._actions
                       if isinstance(action, argparse._SubParsersAction)).choices)


def script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder to complete file names in."""
    for name in ("gate.pwf", "gate.json", "gate.wasm", "notes.txt", "gate.test.yaml"):
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    return tmp_path


def bash_candidates(bash_script: str, folder: Path, line: str) -> list[str]:
    """What the completion function offers with the cursor at the end of `line`."""
    words = line.split(" ")  # a trailing blank makes the empty word being completed
    program = (f'source "$1"\nCOMP_WORDS=({" ".join(_bash_quote(word) for word in words)})\n'
               f"COMP_CWORD={len(words) - 1}\n_pwc\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    path = folder / "pwc.bash"
    path.write_text(bash_script)
    run = subprocess.run(["bash", "-c", program, "bash", str(path)], cwd=folder, capture_output=True, text=True,
                         timeout=30)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    return sorted(word for word in run.stdout.splitlines() if word)


def _bash_quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@pytest.mark.parametrize("line, expected", [
    ("pwc ", sorted(COMMANDS + ["-h", "--help", "--version"])),
    ("pwc c", ["check", "compile", "completion"]),
    ("pwc --v", ["--version"]),
    ("pwc check --format ", ["json", "text"]),
    ("pwc check --format j", ["json"]),
    ("pwc check -", ["--format", "--help", "--quiet", "-h", "-q"]),
    ("pwc test --e", ["--envoy", "--envoy-binary"]),
    ("pwc test -v --j", ["--junit"]),
    ("pwc check ", ["gate.pwf", "sub"]),  # .pwf files and folders
    ("pwc check gate.pwf g", ["gate.pwf"]),  # several files
    ("pwc fmt ", ["gate.json", "gate.pwf", "sub"]),  # FILE.pwf|FILE.json
    ("pwc inspect ", ["gate.wasm", "sub"]),
    ("pwc verify --source ", ["gate.pwf", "sub"]),  # an option's value
    ("pwc verify --source gate.pwf ", ["gate.wasm", "sub"]),
    ("pwc test ", ["gate.json", "gate.pwf", "gate.test.yaml", "gate.wasm", "notes.txt", "pwc.bash", "sub"]),
    ("pwc test -k ", []),  # free text: nothing to offer
    ("pwc manifest gate.pwf --for ", ["configmap", "envoy", "envoyfilter", "istio", "trafficextension"]),
    ("pwc completion ", ["bash", "zsh"]),
    ("pwc push ", ["gate.pwf", "gate.wasm", "sub"]),  # FILE.pwf|FILE.wasm|LAYOUT, then REF
])
def test_bash_completes_commands_options_choices_and_files(capsys, folder, line, expected):
    assert bash_candidates(script(capsys, "bash"), folder, line) == expected


def test_bash_script_registers_the_function_for_pwc(capsys, folder):
    path = folder / "pwc.bash"
    path.write_text(script(capsys, "bash"))
    run = subprocess.run(["bash", "-c", 'source "$1"; complete -p pwc', "bash", str(path)], capture_output=True,
                         text=True, timeout=30)
    assert run.stdout.strip() == "complete -F _pwc pwc"


def test_a_command_added_to_the_parser_is_completed_without_touching_the_generator():
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    extra = commands.add_parser("lint", help="a command the generator never heard of")
    extra.add_argument("--level", choices=["low", "high"])
    extra.add_argument("file", metavar="FILE.pwf")
    _, described = describe(parser)
    lint = next(command for command in described if command.name == "lint")
    level = next(option for option in lint.options if option.names == ("--level",))
    assert level.value is not None and level.value.choices == ("low", "high")
    assert lint.positional.suffixes == ("pwf",) and lint.positional.files


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (.ci/run installs it)")
def test_zsh_completes_in_a_real_interactive_zsh(capsys, folder):
    functions = folder / "functions"
    functions.mkdir()
    (functions / "_pwc").write_text(script(capsys, "zsh"))
    lines = ["pwc ", "pwc te", "pwc check --format ", "pwc test --e", "pwc fmt ", "pwc verify --source ",
             "pwc completion ", "pwc manifest gate.pwf --for i"]
    out = folder / "offered"
    subprocess.run(["zsh", "-f", str(HERE / "zsh_completion_driver.zsh"), str(out), str(functions), *lines],
                   cwd=folder, capture_output=True, timeout=120, check=True)
    offered: dict[str, list[str]] = {}
    for entry in out.read_text().splitlines():
        kind, _, text = entry.partition(" ")
        if kind == "LINE":
            offered[text] = current = []
        elif kind == "CAND":
            current.append(text)
    assert {line: sorted(words) for line, words in offered.items()} == {
        "pwc ": sorted(COMMANDS),
        "pwc te": ["test"],
        "pwc check --format ": ["json", "text"],
        "pwc test --e": ["--envoy", "--envoy-binary"],
        "pwc fmt ": ["functions", "gate.json", "gate.pwf", "sub"],
        "pwc verify --source ": ["functions", "gate.pwf", "sub"],
        "pwc completion ": ["bash", "zsh"],
        "pwc manifest gate.pwf --for i": ["istio"],
    }


def test_the_zsh_script_is_valid_zsh_and_names_every_command(capsys):
    text = script(capsys, "zsh")
    assert text.startswith("#compdef pwc\n")
    assert {"compile", "test", "completion", "manifest", "run"} <= set(COMMANDS)
    for command in COMMANDS:
        assert f"\n                {command}) _arguments " in text
    if shutil.which("zsh"):
        check = subprocess.run(["zsh", "-n"], input=text, capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr


def test_an_unknown_shell_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["completion", "fish"])
    assert exited.value.code == 2
    assert "invalid choice: 'fish'" in capsys.readouterr().err


