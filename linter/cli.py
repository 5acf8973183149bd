"""The ``healthlint`` command line."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .cli_options import SetupError, complete_rule, settings_from_cli, settings_options
from healthlint.reports import FORMATS



def _echo_errors(result) -> None:
    from .terminal import printable

    for err in result.errors:
        click.echo(printable(f"healthlint: {err['path']}: {err['message']}"), err=True)


def _write(report: str, output: str | None, color: bool = False) -> None:
    """The report to ``output`` (whole or not at all) or stdout; a failure is exit code 2, naming where."""
    from .outputs import OutputError, write_text

    if output:
        try:
            write_text(output, report)
        except OutputError as exc:
            raise SetupError(str(exc)) from None
        return
    try:
        click.echo(report, nl=False, color=color)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk behind a redirection, a closed stdout
        _silence_stdout()
        raise SetupError(f"cannot write the report to standard output: {exc.strerror or exc}") from None


class HealthlintGroup(click.Group):
    """Turns unexpected exceptions into a one-line message with exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `healthlint ... | head`: the reader left; stop quietly, like other CLIs
            _silence_stdout()
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("healthlint: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # pragma: no cover - last line of defence
            if os.environ.get("HEALTHLINT_DEBUG"):
                raise
            click.echo(f"healthlint: internal error: {type(exc).__name__}: {exc} "
                       "(set HEALTHLINT_DEBUG=1 for a traceback)", err=True)
            sys.exit(2)


@click.group(cls=HealthlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="healthlint")
def cli():
    """healthlint: find overclaims, wrong definitions, made-up techniques and spam in health articles.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
    2 usage error, or a file could not be read or parsed cleanly.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(list(FORMATS)), default="text",
              show_default=True, envvar="HEALTHLINT_OUTPUT_FORMAT", show_envvar=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--stdin-filename", help="Name (and so format, by suffix) of the text read from '-'.")
@settings_options
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule (to stderr for machine formats).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in this baseline file (then report none of them).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files, then report what is left.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default=None,
              help="Show (and count for the exit code) only findings of this severity or higher.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings only: no summary, scores or notes (file errors still go to stderr).")
@click.option("--exit-zero", is_flag=True,
              help="Exit with 0 even when findings fail --fail-on (2 still means a file or setup problem).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, envvar="HEALTHLINT_JOBS",
              help="Worker processes for the files to check (default: all cores).")
@click.option("--no-cache", is_flag=True, envvar="HEALTHLINT_NO_CACHE",
              help="Check every file again; neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="HEALTHLINT_CACHE_DIR",
              help="Result cache folder (default: .healthlint_cache in the project root).")
def check(paths, fmt, output, stdin_filename, color, statistics, baseline_file, write_baseline, fix, show_diff,
          min_severity, quiet, exit_zero, jobs, no_cache, cache_dir, **options):
    """Check articles (files, folders, globs, or '-' for stdin) and report findings."""
    from .engine import RunResult
    from .rule import LOAD_ERRORS, all_rules
    from .sources import Source, SourceError, discover, read_stdin
    from healthlint.reports import render

    settings = settings_from_cli(paths, stdin_filename, **options)
    for message in LOAD_ERRORS:
        click.echo(f"healthlint: {message}", err=True)

    sources, missing = [], []
    file_paths = [p for p in paths if p != "-"]
    stdin_error = []
    if "-" in paths:
        name = stdin_filename or "<stdin>"
        try:
            sources.append(Source(path=name, data=read_stdin(name, settings.max_file_size)))
        except SourceError as exc:
            stdin_error.append(exc)
    from .config import wanted

    found, missing = discover(file_paths) if file_paths else ([], [])
    missing = stdin_error + missing
    sources += [s for s in found if wanted(s.path, settings)]
    sources = _protect_inputs(sources, file_paths, output, write_baseline, baseline_file, stdin_filename, settings)
    from .engine import FileResult

    results = [FileResult(path=e.path, errors=[e.message], checked=False) for e in missing]
    if fix or show_diff:
        from .fixing import fix_all

        fixed, outcomes = fix_all(_linter(settings), sources, write=fix and not show_diff)
        results += fixed
    else:
        from .result_cache import default_folder
        from .run import check_files

        folder = None if no_cache else (cache_dir or default_folder(settings))
        checked, warnings = check_files(sources, settings, jobs=jobs, cache_folder=folder,
                                        full_documents=fmt == "html", linter_factory=_linter)
        results += checked
        for warning in warnings:
            click.echo(f"healthlint: warning: {warning}", err=True)
    result = RunResult(files=results, rules=all_rules(), settings=settings)
    _echo_errors(result)
    _baseline(result, baseline_file, write_baseline, quiet)
    result.hide_below(min_severity or settings.min_severity)
    if fix or show_diff:
        _fix_output(result, outcomes, show_diff, output)
    use_color = _use_color(color, output)
    report = render(fmt, result, color=use_color, statistics=statistics, quiet=quiet)
    _write(report, output, use_color)
    if statistics and fmt != "text" and result.findings:
        from healthlint.reports.text import statistics_table

        click.echo(statistics_table(result), err=True)
    code = result.exit_code()
    sys.exit(0 if exit_zero and code == 1 else code)


def _linter(settings):
    """The Linter for these settings; a --model that cannot be loaded is a usage error (exit 2)."""
    from .engine import Linter
    from .pipeline import ModelError

    try:
        return Linter(settings)
    except ModelError as exc:
        raise click.UsageError(str(exc)) from None


def _fix_output(result, outcomes, show_diff: bool, output: str | None) -> None:
    """--diff prints the diff (exit 1 when there is something to fix); --fix on stdin prints the fixed text."""
    from .fixing import summary

    click.echo(summary(outcomes, written=not show_diff), err=True)
    if show_diff:
        _write("".join(o.diff() for o in outcomes), output)
        sys.exit(2 if result.errors else 1 if any(o.changed for o in outcomes) else 0)
    stdin = [o for o in outcomes if o.from_stdin]
    if stdin:  # as ruff does: the fixed text replaces the report
        _write(stdin[0].fixed, output)
        sys.exit(result.exit_code())


def _use_color(flag: bool | None, output: str | None) -> bool:
    """--color/--no-color win; a report written to a file is plain; then NO_COLOR (set and not empty: plain)
    and FORCE_COLOR (set and not empty: coloured), read as Python 3.13 reads them; else colour on a terminal."""
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _protect_inputs(sources, named, output, write_baseline, baseline_file, stdin_filename, settings):
    """Refuse (exit 2) to write the report or baseline over anything this run reads; drop from the
    inputs an earlier healthlint report that the new one replaces (``check . -o report.html``)."""
    from .outputs import OutputError, check_target, is_report, same_file

    reads = {settings.config_path: "the config file in use",
             stdin_filename: "the name given to standard input (--stdin-filename)"}
    targets = {"report": (output, {baseline_file: "the baseline this run compares with", **reads}),
               "baseline": (write_baseline, reads)}  # (--baseline and --write-baseline may share a file)
    try:
        if output and write_baseline and same_file(output, write_baseline):
            raise OutputError(f"refusing to write both the report and the baseline to {output}")
        for what, (target, inputs) in targets.items():
            if not target:
                continue
            check_target(target, what, inputs)
            for source in [s for s in sources if s.data is None and same_file(target, s.path)]:
                if what == "report" and is_report(source.path) and not any(same_file(source.path, n) for n in named):
                    sources.remove(source)  # last run's report, found in a checked folder: replaced, not checked
                else:
                    raise OutputError(f"refusing to write the {what} to {target}: it is one of the checked articles")
    except OutputError as exc:
        raise SetupError(str(exc)) from None
    return sources


def _baseline(result, baseline_file: str | None, write_baseline: str | None, quiet: bool = False) -> None:
    """--write-baseline records the findings; --baseline (or the file just written) hides known ones."""
    from . import baseline

    try:
        if write_baseline:
            count = baseline.write(result, write_baseline)
            if not quiet:
                click.echo(f"healthlint: wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}",
                           err=True)
        if baseline_file or write_baseline:
            hidden, stale = baseline.apply(result, write_baseline or baseline_file)
            if baseline_file and not write_baseline and not quiet:
                note = f"healthlint: {hidden} finding{'s' if hidden != 1 else ''} hidden by the baseline"
                if stale:
                    note += (f"; {stale} baselined finding{'s' if stale != 1 else ''} no longer "
                             f"occur{'s' if stale == 1 else ''} (refresh it with --write-baseline)")
                click.echo(note, err=True)
    except baseline.BaselineError as exc:
        raise SetupError(str(exc)) from None


@cli.command("config")
@click.argument("paths", nargs=-1)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file (show the defaults).")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
def show_config(paths, config_file, isolated, fmt):
    """Print the effective configuration for PATHS (default: this folder) and where each value came from."""
    import json

    from .config import NOT_CONFIGURABLE, describe, key_of

    origins: dict[str, str] = {}
    settings = settings_from_cli(paths, None, origins, config_file=config_file, isolated=isolated)
    if fmt == "json":
        data = {"config_file": settings.config_path,
                "settings": {key_of(k): v for k, v in settings.to_dict().items() if k not in NOT_CONFIGURABLE},
                "origins": {key_of(k): v for k, v in origins.items()}}
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(describe(settings, origins), nl=False)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt):
    """List every rule: code, name, category, default severity."""
    import json

    from .rule import all_rules

    rules = all_rules()
    if fmt == "json":
        data = [{"code": c.code, "name": c.name, "category": c.category, "severity": c.severity,
                 "summary": c.summary()} for c in rules.values()]
        click.echo(json.dumps(data, indent=2))
        return
    for cls in rules.values():
        click.echo(f"{cls.code:<7}{cls.name:<34}{cls.category:<11}{cls.severity:<8}{cls.summary()}")


@cli.command()
@click.argument("code", shell_complete=complete_rule)
def explain(code):
    """Print a rule's documentation: what it flags, why, examples, what to write instead."""
    from .rule import all_rules

    rules = all_rules()
    cls = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if cls is None:
        raise click.UsageError(f"unknown rule {code!r} (see 'healthlint rules')")
    click.echo(f"{cls.code} {cls.name} ({cls.category}, default severity {cls.severity})\n")
    click.echo(cls.doc())
    if cls.reference:
        click.echo(f"\nReference: {cls.reference}")


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default, and the only transport).")
def server(stdio):
    """Run the language server (LSP over stdio) for editors: diagnostics, hover, fixes, suppressions."""
    from .server import main as serve

    serve()


from .audit.command import audit as _audit  # noqa: E402 - batch audits of archives (linter/audit/)

cli.add_command(_audit)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main():
    try:
        cli(prog_name="healthlint")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)


if __name__ == "__main__":
    main()
