"""`pwc completion bash|zsh`: a shell completion script made from the argparse parser.

    source <(pwc completion bash)
    pwc completion zsh > "${fpath[1]}/_pwc"

The parser is read, never restated: `describe(parser)` turns it into a list
of commands, each with its options (those taking a value, and what the value
is: one of its choices, a file, or free text) and what its positional
arguments are (choices, or files with the suffixes their metavar names,
`FILE.pwf|FILE.json` -> pwf, json; a command with several positionals
completes them all as its first that names files or choices); a writer per
shell turns that into its script.  So a command or an option added to the parser is completed without
touching this file.  Imports nothing from pwc: cli.py hands it the parser.
"""

from __future__ import annotations

import argparse
import re
import shlex
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh")


@dataclass(frozen=True)
class Value:
    """What an option's value or a positional argument is."""

    label: str = "value"  # its metavar, as zsh shows it
    choices: tuple[str, ...] = ()
    files: bool = False  # a path
    suffixes: tuple[str, ...] = ()  # files with these suffixes (and folders); () any file


@dataclass(frozen=True)
class Option:
    names: tuple[str, ...]
    help: str
    value: Value | None  # None: a flag


@dataclass
class Command:
    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    positional: Value = Value("argument")


# A metavar that names a path: FILE.pwf, OUT.wasm, PATH, FILE.xml, JSON|@FILE.
_PATHLIKE = re.compile(r"FILE|PATH|DIR|OUT")
_SUFFIX = re.compile(r"^[A-Z]+\.([A-Za-z0-9]+)$")


def _value(metavar: str | None, choices, dest: str) -> Value:
    label = metavar or dest.upper()
    if choices:
        return Value(label, choices=tuple(str(choice) for choice in choices))
    if not _PATHLIKE.search(label):
        return Value(label)
    suffixes = tuple(found.group(1) for part in label.split("|") if (found := _SUFFIX.match(part)))
    return Value(label, files=True, suffixes=suffixes)


def _metavar(action: argparse.Action) -> str | None:
    return action.metavar if isinstance(action.metavar, str) else None


def _option(action: argparse.Action) -> Option:
    takes_value = action.nargs != 0
    return Option(tuple(action.option_strings), _plain(action.help or ""),
                  _value(_metavar(action), action.choices, action.dest) if takes_value else None)


def _plain(help_text: str) -> str:
    return help_text.replace("%%", "%").replace("`", "")


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise ValueError("the parser has no subcommands")


def describe(parser: argparse.ArgumentParser) -> tuple[list[Option], list[Command]]:
    """The top-level options and every command, as the parser defines them."""
    subcommands = _subcommands(parser)
    helps = {choice.dest: _plain(choice.help or "") for choice in subcommands._choices_actions}
    top = [_option(action) for action in parser._actions if action.option_strings]
    commands = []
    for name, sub in subcommands.choices.items():
        command = Command(name, helps.get(name, ""))
        positionals = [_value(_metavar(action), action.choices, action.dest)
                       for action in sub._actions if not action.option_strings]
        command.options = [_option(action) for action in sub._actions if action.option_strings]
        # One completion for every positional word: the first that names files or choices
        # (`pwc push FILE|LAYOUT REF` completes files; a registry reference has nothing to offer).
        command.positional = next((value for value in positionals if value.files or value.choices),
                                  positionals[-1] if positionals else command.positional)
        commands.append(command)
    return top, commands


# ---- bash --------------------------------------------------------------------------------

_BASH_HEAD = """\
# bash completion for pwc; made by `pwc completion bash` from pwc's own command line.
# Load it with: source <(pwc completion bash)

_pwc_files() {  # files with one of the suffixes given (any file if none), and folders
    local IFS=$'\\n' suffix
    compopt -o filenames 2>/dev/null
    if (( $# == 0 )); then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -d -- "$cur"))
    for suffix in "$@"; do
        COMPREPLY+=($(compgen -f -X "!*.$suffix" -- "$cur"))
    done
}

_pwc() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="" i
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} != -* ]]; then
            command="${COMP_WORDS[i]}"
            break
        fi
    done
"""


def _bash_words(words) -> str:
    return shlex.quote(" ".join(words))


def _bash_value(value: Value) -> str:
    if value.choices:
        return f'COMPREPLY=($(compgen -W {_bash_words(value.choices)} -- "$cur"))'
    if value.files:
        return " ".join(["_pwc_files", *value.suffixes])
    return ":"  # free text: nothing to offer


def _bash_command(command: Command) -> list[str]:
    lines = [f"        {command.name})"]
    valued = [option for option in command.options if option.value is not None]
    if valued:
        lines.append('            case "$prev" in')
        for option in valued:
            assert option.value is not None
            lines.append(f"                {'|'.join(option.names)}) {_bash_value(option.value)}; return ;;")
        lines.append("            esac")
    names = [name for option in command.options for name in option.names]
    lines += ['            if [[ $cur == -* ]]; then',
              f'                COMPREPLY=($(compgen -W {_bash_words(names)} -- "$cur"))',
              "            else",
              f"                {_bash_value(command.positional)}",
              "            fi",
              "            ;;"]
    return lines


def bash_script(parser: argparse.ArgumentParser) -> str:
    top, commands = describe(parser)
    first_words = [command.name for command in commands] + [name for option in top for name in option.names]
    lines = [_BASH_HEAD.rstrip("\n"),
             '    if [[ -z $command ]]; then',
             f'        COMPREPLY=($(compgen -W {_bash_words(first_words)} -- "$cur"))',
             "        return",
             "    fi",
             '    case "$command" in']
    for command in commands:
        lines += _bash_command(command)
    lines += ["    esac", "}", "", "complete -F _pwc pwc", ""]
    return "\n".join(lines)


# ---- zsh ---------------------------------------------------------------------------------


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh_escape(text: str) -> str:
    """Text inside an _arguments spec's [help] or :message: its brackets and colons escaped."""
    return re.sub(r"([\[\]:\\])", r"\\\1", text)


def _zsh_action(value: Value) -> str:
    if value.choices:
        return f"({' '.join(value.choices)})"
    if value.files:
        if not value.suffixes:
            return "_files"
        pattern = "*." + value.suffixes[0] if len(value.suffixes) == 1 else f"*.({'|'.join(value.suffixes)})"
        return f"_files -g {_zsh_quote(pattern)}"
    return " "


def _zsh_option(option: Option) -> str:
    help_text = _zsh_escape(option.help)
    value = "" if option.value is None else f":{_zsh_escape(option.value.label)}:{_zsh_action(option.value)}"
    if len(option.names) == 1:
        return _zsh_quote(f"{option.names[0]}[{help_text}]{value}")
    exclusive = f"({' '.join(option.names)})"
    return f"{_zsh_quote(exclusive)}{{{','.join(option.names)}}}{_zsh_quote(f'[{help_text}]{value}')}"


def zsh_script(parser: argparse.ArgumentParser) -> str:
    top, commands = describe(parser)
    lines = ["#compdef pwc",
             "# zsh completion for pwc; made by `pwc completion zsh` from pwc's own command line.",
             '# Install it as a file named _pwc on $fpath: pwc completion zsh > "${fpath[1]}/_pwc"',
             "",
             "_pwc() {",
             "    local curcontext=$curcontext state line",
             "    local -a commands",
             "    commands=("]
    lines += [f"        {_zsh_quote(command.name + ':' + command.help)}" for command in commands]
    lines += ["    )",
              "    _arguments -C \\"]
    lines += [f"        {_zsh_option(option)} \\" for option in top]
    lines += ["        '1:command:->command' \\",
              "        '*::argument:->argument'",
              '    case $state in',
              "        command) _describe -t commands 'pwc command' commands ;;",
              "        argument)",
              '            case $words[1] in']
    for command in commands:
        specs = [_zsh_option(option) for option in command.options]
        positional = command.positional
        specs.append(_zsh_quote(f"*:{_zsh_escape(positional.label)}:{_zsh_action(positional)}"))
        lines.append(f"                {command.name}) _arguments {' '.join(specs)} ;;")
    lines += ["            esac",
              "            ;;",
              "    esac",
              "}",
              "",
              'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _pwc "$@"; else compdef _pwc pwc; fi',
              ""]
    return "\n".join(lines)


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell` (one of SHELLS)."""
    return {"bash": bash_script, "zsh": zsh_script}[shell](parser)
