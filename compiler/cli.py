"""The `pwc` command line.

    pwc compile FILE.pwf [-o OUT.wasm]   compile; the module goes next to the source
    pwc check FILE.pwf                   diagnostics only
    pwc wat FILE.pwf                     print the generated WAT
    pwc schema FILE.pwf                  the JSON Schema of the filter's configuration
    pwc test [PATHS...]                  run .test.yaml cases (local runtime or --envoy)

Exit status: 0 success, 1 errors in the input (nothing is written), 2 usage
or environment problems.  No Python traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from .. import __version__
from .driver import Result, compile_source, front_end, to_wat
from .source import Source


def _read(path: str) -> Source | None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        print(f"pwc: error: {path}: no such file", file=sys.stderr)
        return None
    except (OSError, UnicodeDecodeError) as error:
        print(f"pwc: error: {path}: cannot read it ({error})", file=sys.stderr)
        return None
    return Source(Path(path).name, text)


def _report(result: Result) -> int:
    if result.diagnostics:
        print(result.render(), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_check(args) -> int:
    source = _read(args.file)
    if source is None:
        return 1
    status = _report(front_end(source))
    if status == 0 and not args.quiet:
        print(f"{args.file}: ok")
    return status


def cmd_wat(args) -> int:
    source = _read(args.file)
    if source is None:
        return 1
    result = to_wat(source)
    status = _report(result)
    if status == 0:
        sys.stdout.write(result.wat)
    return status


def cmd_compile(args) -> int:
    source = _read(args.file)
    if source is None:
        return 1
    result = compile_source(source.text, args.file)
    status = _report(result)
    if status:
        return status
    output = Path(args.output) if args.output else Path(args.file).with_suffix(".wasm")
    _write_atomically(output, result.wasm)
    if not args.quiet:
        print(f"{output}: {len(result.wasm)} bytes")
    return 0


def cmd_schema(args) -> int:
    from .schema import json_schema

    source = _read(args.file)
    if source is None:
        return 1
    result = front_end(source)
    status = _report(result)
    if status == 0:
        print(json.dumps(json_schema(result.checked), indent=2))
    return status


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file, so a reader never sees half a module."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_test(args) -> int:
    from functools import partial

    from pwc.runtime import testrunner

    from .driver import compile_file

    return testrunner.run(args.paths, compile_filter=compile_file, trace=args.trace, cost=args.cost,
                          envoy=args.envoy, compile_trace=partial(compile_file, trace_lines=True))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pwc", description="Compile .pwf filter rules into proxy-wasm modules.")
    parser.add_argument("--version", action="version", version=f"pwc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    compile_ = commands.add_parser("compile", help="compile a .pwf file into a .wasm module")
    compile_.add_argument("file", metavar="FILE.pwf")
    compile_.add_argument("-o", "--output", metavar="OUT.wasm", help="where to write the module (default: next to the source)")
    compile_.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    compile_.set_defaults(run=cmd_compile)

    check = commands.add_parser("check", help="report the diagnostics of a .pwf file")
    check.add_argument("file", metavar="FILE.pwf")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    check.set_defaults(run=cmd_check)

    wat = commands.add_parser("wat", help="print the WAT generated for a .pwf file")
    wat.add_argument("file", metavar="FILE.pwf")
    wat.set_defaults(run=cmd_wat)

    schema = commands.add_parser("schema", help="print the JSON Schema of a filter's configuration")
    schema.add_argument("file", metavar="FILE.pwf")
    schema.set_defaults(run=cmd_schema)

    test = commands.add_parser("test", help="run the cases of .test.yaml files")
    test.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files, or folders searched for *.test.yaml")
    test.add_argument("--envoy", action="store_true", help="run the cases in a real Envoy instead of the local runtime")
    test.add_argument("--trace", action="store_true", help="show the .pwf lines run and the proxy-wasm calls made")
    test.add_argument("--cost", action="store_true", help="report the wasm instructions each case cost")
    test.set_defaults(run=cmd_test)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: never a traceback
        print(f"pwc: internal error: {type(error).__name__}: {error}; please report this", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
