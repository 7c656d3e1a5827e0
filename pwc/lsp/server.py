"""The Language Server Protocol over stdio, through pygls.

Full text sync: each change sends the whole document, which is analysed
again (analysis.py) and its diagnostics published.  The answers come from
analysis.py, hover.py and complete.py; this module only converts between
their offsets and spans and the protocol's types."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from pwc import __version__
from pwc.compiler.checked import Checked
from pwc.compiler.diagnostics import Diagnostic

from .analysis import Analysis, analyse
from .complete import Item, complete
from .formatting import canonical_text
from .hover import definition, hover
from .positions import Positions

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "note": lsp.DiagnosticSeverity.Information}
ITEM_KIND = {"keyword": lsp.CompletionItemKind.Keyword, "property": lsp.CompletionItemKind.Property,
             "function": lsp.CompletionItemKind.Function, "method": lsp.CompletionItemKind.Method,
             "field": lsp.CompletionItemKind.Field, "variable": lsp.CompletionItemKind.Variable,
             "value": lsp.CompletionItemKind.Value, "module": lsp.CompletionItemKind.Module}


class PwfServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("pwc", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.analyses: dict[str, Analysis] = {}

    def positions(self, analysis: Analysis) -> Positions:
        return Positions(analysis.source, self.workspace.position_codec.client_num_units)

    def refresh(self, uri: str) -> None:
        """Analyse the document's current text and publish its diagnostics."""
        text = self.workspace.get_text_document(uri).source
        analysis = analyse(_file_name(uri), text, self.analyses.get(uri))
        self.analyses[uri] = analysis
        positions = self.positions(analysis)
        diagnostics = [_diagnostic(d, positions, uri) for d in analysis.result.diagnostics]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    def at(self, document: lsp.TextDocumentIdentifier, position: lsp.Position) -> tuple[Analysis, int] | None:
        analysis = self.analyses.get(document.uri)
        if analysis is None:
            return None
        return analysis, self.positions(analysis).offset(position.line, position.character)

    def checked_at(self, document: lsp.TextDocumentIdentifier,
                   position: lsp.Position) -> tuple[Analysis, Checked, int] | None:
        """The document's checked tree and the offset of `position`, when its
        current text parsed (positions in an earlier text's tree would be off)."""
        found = self.at(document, position)
        if found is None or found[0].result.checked is None:
            return None
        return found[0], found[0].result.checked, found[1]


def _file_name(uri: str) -> str:
    return PurePosixPath(unquote(urlparse(uri).path)).name or "untitled.pwf"


def _range(start: tuple[int, int], end: tuple[int, int]) -> lsp.Range:
    return lsp.Range(start=lsp.Position(line=start[0], character=start[1]),
                     end=lsp.Position(line=end[0], character=end[1]))


def _diagnostic(diagnostic: Diagnostic, positions: Positions, uri: str) -> lsp.Diagnostic:
    """`pwc check`'s diagnostic: its message, then its hint on a line of its
    own; its notes (`first declared here`) as related information."""
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    related = [lsp.DiagnosticRelatedInformation(location=lsp.Location(uri=uri, range=_range(*positions.range(span))),
                                                message=note) for note, span in diagnostic.notes]
    return lsp.Diagnostic(range=_range(*positions.range(diagnostic.span)), message=message,
                          severity=SEVERITY[diagnostic.severity], source="pwc", related_information=related or None)


server = PwfServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PwfServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PwfServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PwfServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.analyses.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def on_hover(ls: PwfServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = ls.checked_at(params.text_document, params.position)
    if found is None:
        return None
    analysis, checked, offset = found
    text = hover(checked, analysis.source, offset)
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: PwfServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    found = ls.checked_at(params.text_document, params.position)
    if found is None:
        return None
    analysis, checked, offset = found
    span = definition(checked, offset)
    if span is None:
        return None
    positions = ls.positions(analysis)
    return lsp.Location(uri=params.text_document.uri, range=_range(*positions.range(span)))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[".", '"', "'"]))
def on_completion(ls: PwfServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    found = ls.at(params.text_document, params.position)
    if found is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    analysis, offset = found
    items = complete(analysis.source.text[:offset], analysis.parsed)
    return lsp.CompletionList(is_incomplete=False, items=[_completion_item(item) for item in items])


def _completion_item(item: Item) -> lsp.CompletionItem:
    documentation = lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=item.documentation) \
        if item.documentation else None
    return lsp.CompletionItem(label=item.label, kind=ITEM_KIND[item.kind], detail=item.detail or None,
                              documentation=documentation)


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def on_formatting(ls: PwfServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    analysis = ls.analyses.get(params.text_document.uri)
    if analysis is None:
        return []
    formatted = canonical_text(analysis.result)
    if formatted is None or formatted == analysis.source.text:
        return []
    positions = ls.positions(analysis)
    return [lsp.TextEdit(range=_range((0, 0), positions.end()), new_text=formatted)]


def serve() -> None:
    server.start_io()
