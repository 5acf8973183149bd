"""The ``healthlint`` command line."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .config import ConfigError, Settings
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


class SetupError(click.ClickException):
    """A bad config or baseline file: one line naming the file and key, exit code 2."""

    exit_code = 2

    def show(self, file=None):
        click.echo(f"healthlint: error: {self.message}", err=True)


def _codes(values: tuple[str, ...], option: str) -> list[str]:
    from .config import normalize_codes

    try:
        return normalize_codes(_split(values), option)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


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
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule (to stderr for machine formats).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to run in addition to 'select'.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this config file instead of the nearest .healthlint.toml / healthlint.toml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in this baseline file (then report none of them).")
def check(paths, fmt, output, select, ignore, fail_on, exclude, stdin_filename, model, max_file_size, color,
          statistics, extend_select, config_file, isolated, baseline_file, write_baseline):
    """Check articles (files, folders, globs, or '-' for stdin) and report findings."""
    from .engine import Linter, RunResult
    from .pipeline import ModelError
    from .rule import LOAD_ERRORS, all_rules
    from .sources import Source, discover
    from healthlint.reports import render

    settings = _settings(paths, stdin_filename, config_file, isolated, {}, select=select, ignore=ignore,
                         extend_select=extend_select, fail_on=fail_on, exclude=exclude, model=model,
                         max_file_size=max_file_size)
    for message in LOAD_ERRORS:
        click.echo(f"healthlint: {message}", err=True)

    sources, missing = [], []
    file_paths = [p for p in paths if p != "-"]
    if "-" in paths:
        data = sys.stdin.buffer.read()
        sources.append(Source(path=stdin_filename or "<stdin>", data=data))
    from .config import wanted

    found, missing = discover(file_paths) if file_paths else ([], [])
    sources += [s for s in found if wanted(s.path, settings)]
    try:
        linter = Linter(settings)
    except ModelError as exc:
        raise click.UsageError(str(exc)) from None
    from .engine import FileResult

    results = [FileResult(path=e.path, errors=[e.message], checked=False) for e in missing]
    results += list(linter.check_sources(sources))
    result = RunResult(files=results, rules=all_rules(), settings=settings)
    _echo_errors(result)
    _baseline(result, baseline_file, write_baseline)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    report = render(fmt, result, color=use_color, statistics=statistics)
    _write(report, output, use_color)
    if statistics and fmt != "text" and result.findings:
        from healthlint.reports.text import statistics_table

        click.echo(statistics_table(result), err=True)
    sys.exit(result.exit_code())


def _settings(paths, stdin_filename, config_file, isolated, origins, **cli) -> Settings:
    """Defaults, then the config file, then the command line (which wins; --ignore and --exclude add)."""
    from .config import load_settings

    try:
        settings = load_settings(list(paths) + ([stdin_filename] if stdin_filename else []), config_file,
                                 isolated, origins)
    except ConfigError as exc:
        raise SetupError(str(exc)) from None
    given = {}
    if cli.get("select"):
        given["select"] = _codes(cli["select"], "--select")
    if cli.get("extend_select"):
        given["extend_select"] = settings.extend_select + _codes(cli["extend_select"], "--extend-select")
    if cli.get("ignore"):
        given["ignore"] = settings.ignore + _codes(cli["ignore"], "--ignore")
    if cli.get("exclude"):
        given["exclude"] = settings.exclude + _split(cli["exclude"])
    for name in ("fail_on", "model", "max_file_size"):
        if cli.get(name):
            given[name] = cli[name]
    for name, value in given.items():
        setattr(settings, name, value)
        origins[name] = "command line"
    return settings


def _baseline(result, baseline_file: str | None, write_baseline: str | None) -> None:
    """--write-baseline records the findings; --baseline (or the file just written) hides known ones."""
    from . import baseline

    try:
        if write_baseline:
            count = baseline.write(result, write_baseline)
            click.echo(f"healthlint: wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}", err=True)
        if baseline_file or write_baseline:
            hidden, stale = baseline.apply(result, write_baseline or baseline_file)
            if baseline_file and not write_baseline:
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
    settings = _settings(paths, None, config_file, isolated, origins)
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


from .audit import audit as _audit  # noqa: E402 - batch audits of archives (linter/audit.py)

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
