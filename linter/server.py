"""``healthlint server``: a Language Server (LSP, over stdio) for editors.

The pipeline and the rules are built once (per config file) and stay loaded, so a re-check on
each keystroke costs only the rules, not the 2-3 s start-up of ``healthlint check``. It offers:

- diagnostics on open, change and save (changes that arrive while a check runs are coalesced:
  only the newest text is checked);
- hover: the finding's message, suggestion and reference, and the rule's documentation;
- code actions: apply a finding's safe fix, fix all in the file, or insert a suppression comment.

Settings come from the config file next to each document, as for ``check``.
"""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .config import ConfigError, Settings, load_settings
from .engine import FileResult, Linter, RunResult
from .finding import Finding
from .fixes import apply
from .rule import all_rules
from .sources import Source, format_of

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
LANGUAGES = {"markdown": "markdown", "html": "html"}  # other languageIds are read as plain text
FIX_ALL = lsp.CodeActionKind.SourceFixAll.value + ".healthlint"


@dataclass
class Checked:
    """The outcome of one check and the text it was made on (positions are computed on that text)."""

    version: int | None
    lines: list[str]
    result: FileResult


class HealthlintServer(LanguageServer):
    def __init__(self):
        super().__init__("healthlint", __version__)
        self.linters: dict[str, Linter] = {}
        self.results: dict[str, Checked] = {}
        self.pending: dict[str, int] = {}  # uri -> number of changes seen
        self.running: set[str] = set()  # uris being checked right now
        self.config_errors: set[str] = set()
        # One thread runs every check: the loop stays free to read messages (so changes typed
        # during a check are coalesced) and the Linter is never used by two threads at once.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthlint-check")

    # -- checking ---------------------------------------------------------------------------
    def settings_for(self, path: str) -> Settings:
        try:
            return load_settings([path], None, False, {})
        except ConfigError as exc:  # said once, not on every keystroke; the defaults apply meanwhile
            if str(exc) not in self.config_errors:
                self.config_errors.add(str(exc))
                self.window_show_message(lsp.ShowMessageParams(
                    lsp.MessageType.Error, f"healthlint: {exc} (checking with the default settings)"))
            return Settings()

    def linter_for(self, settings: Settings) -> Linter:
        """One Linter per distinct configuration: an edited config file takes effect on the next check."""
        key = repr(settings.to_dict())
        if key not in self.linters:
            self.linters[key] = Linter(settings)
        return self.linters[key]

    def lint(self, settings: Settings, path: str, text: str, fmt: str) -> tuple[FileResult, float]:
        """Check one text (in the worker thread); the result holds only the findings to show."""
        began = time.perf_counter()
        result = next(self.linter_for(settings).check_sources([Source(path, text.encode("utf-8"), fmt)]))
        RunResult([result], all_rules(), settings).hide_below(settings.min_severity)
        return result, (time.perf_counter() - began) * 1000

    async def check_latest(self, uri: str) -> None:
        """Check the document's newest text; changes made meanwhile lead to one more check, not one each."""
        self.pending[uri] = self.pending.get(uri, 0) + 1
        if uri in self.running:
            return  # the check under way goes on with the newest text when it is done
        self.running.add(uri)
        try:
            while self.open_document(uri) is not None:
                seen = self.pending[uri]
                doc = self.open_document(uri)
                version, text = doc.version, doc.source
                path = to_fs_path(uri) or uri
                fmt = LANGUAGES.get(doc.language_id or "") or format_of(path, text)
                result, took = await asyncio.get_running_loop().run_in_executor(
                    self.worker, self.lint, self.settings_for(path), path, text, fmt)
                if self.open_document(uri) is None:
                    break  # closed meanwhile
                self.publish(uri, Checked(version, text.splitlines(keepends=True) or [""], result), took)
                if self.pending[uri] == seen:
                    break
        finally:
            self.running.discard(uri)

    def open_document(self, uri: str):
        """The editor's copy of an open document, or None (pygls keys them by the unquoted URI)."""
        return self.workspace.text_documents.get(unquote(uri))

    def publish(self, uri: str, checked: Checked, took: float) -> None:
        self.results[uri] = checked
        path = checked.result.path
        self.window_log_message(lsp.LogMessageParams(  # before the diagnostics: a client can pair them
            lsp.MessageType.Log, f"healthlint: checked {path} (version {checked.version}) in {took:.0f} ms"))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=checked.version, diagnostics=self.diagnostics(checked)))

    # -- positions --------------------------------------------------------------------------
    def position(self, checked: Checked, offset: int) -> lsp.Position:
        """An offset of the checked text in the client's units (UTF-16 unless it asked otherwise)."""
        line, column = checked.result.document.position(offset)
        return self.workspace.position_codec.position_to_client_units(
            checked.lines, lsp.Position(line - 1, column - 1))

    def span(self, checked: Checked, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(checked, start), self.position(checked, end))

    def diagnostics(self, checked: Checked) -> list[lsp.Diagnostic]:
        out, result = [], checked.result
        if result.document is not None:
            for f in result.findings:
                message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
                out.append(lsp.Diagnostic(
                    range=self.span(checked, f.start, f.end), message=message, severity=SEVERITY[f.severity],
                    code=f.rule, source="healthlint",
                    code_description=lsp.CodeDescription(href=f.reference) if f.reference else None,
                    data={"fingerprint": f.fingerprint, "fixable": f.fix is not None}))
        for error in result.errors:  # a file that cannot be read or parsed cleanly
            out.append(lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                                      message=error, severity=lsp.DiagnosticSeverity.Error, source="healthlint"))
        return out

    def findings_at(self, uri: str, rng: lsp.Range) -> tuple[Checked | None, list[Finding]]:
        """The findings overlapping ``rng``; none while the document's newest text is not checked yet
        (their positions would be those of an older text)."""
        checked = self.results.get(uri)
        doc = self.open_document(uri)
        if checked is None or doc is None or checked.version != doc.version or checked.result.document is None:
            return None, []
        hits = []
        for f in checked.result.findings:
            r = self.span(checked, f.start, f.end)
            if (r.start.line, r.start.character) <= (rng.end.line, rng.end.character) and \
                    (rng.start.line, rng.start.character) <= (r.end.line, r.end.character):
                hits.append(f)
        return checked, hits

    # -- code actions -----------------------------------------------------------------------
    def edit(self, uri: str, checked: Checked, findings: list[Finding]) -> lsp.WorkspaceEdit:
        edits = [lsp.TextEdit(self.span(checked, e.start, e.end), e.replacement)
                 for f in findings for e in f.fix.edits]
        return lsp.WorkspaceEdit(changes={uri: edits})

    def suppression(self, uri: str, checked: Checked, f: Finding) -> lsp.CodeAction | None:
        """A comment that silences this rule on the finding's line (none inside front matter)."""
        document = checked.result.document
        if any(fld.start <= f.start < fld.end for fld in document.metadata.values()) and document.format == "markdown":
            return None
        line = f.line - 1
        if document.format == "text":
            at, text = lsp.Position(line, 0), f"healthlint-disable-next-line {f.rule}\n"
        else:
            end = len(document.line_text(f.line))
            at = self.workspace.position_codec.position_to_client_units(checked.lines, lsp.Position(line, end))
            text = f" <!-- healthlint-disable-line {f.rule} -->"
        return lsp.CodeAction(title=f"Suppress {f.rule} ({f.name}) on this line", kind=lsp.CodeActionKind.QuickFix,
                              edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(at, at), text)]}))

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked, hits = self.findings_at(uri, params.range)
        if checked is None:
            return []
        actions = []
        only = params.context.only
        if not only or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in only):
            for f in hits:
                if f.fix is not None:
                    actions.append(lsp.CodeAction(title=f"{f.fix.description} ({f.rule})",
                                                  kind=lsp.CodeActionKind.QuickFix, is_preferred=True,
                                                  edit=self.edit(uri, checked, [f])))
            for f in hits:
                action = self.suppression(uri, checked, f)
                if action:
                    actions.append(action)
        if not only or any(FIX_ALL.startswith(k) for k in only):
            _, accepted = apply(checked.result.document.text, checked.result.findings)
            if accepted:
                actions.append(lsp.CodeAction(title=f"Apply every safe healthlint fix ({len(accepted)})",
                                              kind=FIX_ALL, edit=self.edit(uri, checked, accepted)))
        return actions

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        point = lsp.Range(params.position, params.position)
        _, hits = self.findings_at(params.text_document.uri, point)
        if not hits:
            return None
        rules = all_rules()
        parts = []
        for f in hits:
            text = f"**{f.rule} {f.name}** ({f.severity})\n\n{f.message}"
            if f.suggestion:
                text += f"\n\n*Suggestion:* {f.suggestion}"
            if f.reference:
                text += f"\n\n*Reference:* {f.reference}"
            if f.rule in rules:
                text += f"\n\n---\n\n{rules[f.rule].doc()}"
            parts.append(text)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def build_server() -> HealthlintServer:
    server = HealthlintServer()

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: HealthlintServer, params):
        ls.worker.submit(ls.linter_for, Settings())  # build the pipeline now, not on the first keystroke

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: HealthlintServer, params: lsp.DidOpenTextDocumentParams):
        await ls.check_latest(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: HealthlintServer, params: lsp.DidChangeTextDocumentParams):
        await ls.check_latest(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: HealthlintServer, params: lsp.DidSaveTextDocumentParams):
        await ls.check_latest(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealthlintServer, params: lsp.DidCloseTextDocumentParams):
        ls.results.pop(params.text_document.uri, None)
        ls.pending.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: HealthlintServer, params: lsp.HoverParams):
        return ls.hover(params)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: HealthlintServer, params: lsp.CodeActionParams):
        return ls.code_actions(params)

    return server


def main() -> None:
    build_server().start_io()
