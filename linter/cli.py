"""The ``healthlint`` command line."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .config import Settings
from healthlint.reports import FORMATS



def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _echo_errors(result) -> None:
    for err in result.errors:
        click.echo(f"healthlint: {err['path']}: {err['message']}", err=True)


def _write(report: str, output: str | None, color: bool = False) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(report)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        click.echo(report, nl=False, color=color)


class HealthlintGroup(click.Group):
    """Turns unexpected exceptions into a one-line message with exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
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
@click.version_option(__version__, prog_name="healthlint")
def cli():
    """healthlint: find overclaims, wrong definitions, made-up techniques and spam in health articles.

    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
    2 usage error, or a file could not be read or parsed cleanly.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (e.g. HL1,HL301). Default: all.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that makes the exit code 1. Default: warning.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("--stdin-filename", help="Name (and so format, by suffix) of the text read from '-'.")
@click.option("--model", help="An installed spaCy pipeline (name or path) to use instead of the built-in one.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None,
              help="Largest file to read, in bytes (default 5 MB).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
def check(paths, fmt, output, select, ignore, fail_on, exclude, stdin_filename, model, max_file_size, color,
          statistics):
    """Check articles (files, folders, globs, or '-' for stdin) and report findings."""
    from .engine import Linter, RunResult
    from .pipeline import ModelError
    from .rule import LOAD_ERRORS, all_rules
    from .sources import Source, discover
    from healthlint.reports import render

    settings = Settings()
    if select:
        settings.select = _split(select)
    if ignore:
        settings.ignore = _split(ignore)
    if fail_on:
        settings.fail_on = fail_on
    if exclude:
        settings.exclude = _split(exclude)
    if model:
        settings.model = model
    if max_file_size:
        settings.max_file_size = max_file_size
    unknown = [c for c in settings.select + settings.ignore
               if c.upper() != "ALL" and not any(code.startswith(c.upper()) for code in all_rules())]
    if unknown:
        raise click.UsageError(f"unknown rule code or prefix: {', '.join(unknown)} (see 'healthlint rules')")
    for message in LOAD_ERRORS:
        click.echo(f"healthlint: {message}", err=True)

    sources, missing = [], []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        data = click.get_binary_stream("stdin").read()
        sources.append(Source(path=stdin_filename or "<stdin>", data=data))
    found, missing = discover(file_paths, settings.exclude) if file_paths else ([], [])
    sources += found
    try:
        linter = Linter(settings)
    except ModelError as exc:
        raise click.UsageError(str(exc)) from None
    from .engine import FileResult

    results = [FileResult(path=e.path, errors=[e.message], checked=False) for e in missing]
    results += list(linter.check_sources(sources))
    result = RunResult(files=results, rules=all_rules(), settings=settings)
    _echo_errors(result)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    report = render(fmt, result, color=use_color, statistics=statistics)
    _write(report, output, use_color)
    sys.exit(result.exit_code())


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
@click.argument("code")
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


def main():
    cli(prog_name="healthlint")


if __name__ == "__main__":
    main()
