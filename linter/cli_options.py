"""Options that several commands share, declared once, and how they become :class:`Settings`.

``check`` and ``audit`` select rules, read config files and size limits the same way;
declaring those options here keeps their names, help texts and precedence identical.
"""
from __future__ import annotations

import click

from .config import ConfigError, Settings

SEVERITY_CHOICES = ["error", "warning", "info", "never"]


class SetupError(click.ClickException):
    """A bad config or baseline file: one line naming the file and key, exit code 2."""

    exit_code = 2

    def show(self, file=None):
        click.echo(f"healthlint: error: {self.message}", err=True)


def split(values: tuple[str, ...]) -> list[str]:
    """``("HL1,HL2", "HL3")`` -> ``["HL1", "HL2", "HL3"]``: options may repeat or use commas."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def codes(values: tuple[str, ...], option: str) -> list[str]:
    from .config import normalize_codes

    try:
        return normalize_codes(split(values), option)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def complete_rules(ctx, param, incomplete: str, *, names: bool = False, families: bool = True) -> list:
    """Shell completion of rule codes (``HL405``), their families (``HL4``) and, with ``names``, rule names;
    after a comma, of the next item of a list (``--select HL1,HL4``)."""
    from click.shell_completion import CompletionItem

    from .rule import all_rules

    head, comma, last = incomplete.rpartition(",")
    choices: dict[str, str] = {"ALL": "every rule"} if families else {}
    for code, cls in all_rules().items():
        if families:
            choices.setdefault(code[:3], f"every {cls.category} rule ({code[:3]}xx)")
        choices[code] = cls.summary()
        if names:
            choices[cls.name] = f"{code}: {cls.summary()}"
    return [CompletionItem(head + comma + value, help=help_text) for value, help_text in choices.items()
            if value.lower().startswith(last.lower())]


def complete_rule(ctx, param, incomplete: str) -> list:
    """One rule, by code or name (``healthlint explain``)."""
    return complete_rules(ctx, param, incomplete, names=True, families=False)


_SHARED = [
    click.option("--select", multiple=True, shell_complete=complete_rules,
                 help="Rule codes or prefixes to run (e.g. HL1,HL301). Default: all."),
    click.option("--extend-select", multiple=True, shell_complete=complete_rules,
                 help="Rule codes or prefixes to run in addition to 'select'."),
    click.option("--ignore", multiple=True, shell_complete=complete_rules, help="Rule codes or prefixes to skip."),
    click.option("--exclude", multiple=True, help="Glob of paths to skip inside folders (repeatable)."),
    click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), default=None,
                 help="Lowest severity that makes the exit code 1 (default: from config, else warning)."),
    click.option("--model", help="An installed spaCy pipeline (name or path) to use instead of the built-in one."),
    click.option("--max-file-size", type=click.IntRange(min=1), default=None,
                 help="Largest file to read, in bytes (default 5 MB)."),
    click.option("--time-budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
                 help="Seconds that reading a file, and each rule on it, may take; over it the file is "
                      "reported and the run goes on (default 10; 0: no limit)."),
    click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                 help="Use this config file instead of the nearest .healthlint.toml / healthlint.toml / "
                      "pyproject.toml."),
    click.option("--isolated", is_flag=True, help="Ignore every config file."),
]

SETTINGS_OPTIONS = ("select", "extend_select", "ignore", "exclude", "fail_on", "model", "max_file_size", "time_budget",
                    "config_file", "isolated")


def settings_options(command):
    """Add the rule-selection and configuration options to a command (the same for every command)."""
    for option in reversed(_SHARED):
        command = option(command)
    return command


def settings_from_cli(paths, stdin_filename=None, origins: dict | None = None, *, config_file=None,
                      isolated=False, **given_options) -> Settings:
    """Defaults, then the config file, then the command line (which wins; --ignore and --exclude add)."""
    from .config import load_settings

    origins = {} if origins is None else origins
    try:
        settings = load_settings(list(paths) + ([stdin_filename] if stdin_filename else []), config_file,
                                 isolated, origins)
    except ConfigError as exc:
        raise SetupError(str(exc)) from None
    given = {}
    if given_options.get("select"):
        given["select"] = codes(given_options["select"], "--select")
    if given_options.get("extend_select"):
        given["extend_select"] = settings.extend_select + codes(given_options["extend_select"], "--extend-select")
    if given_options.get("ignore"):
        given["ignore"] = settings.ignore + codes(given_options["ignore"], "--ignore")
    if given_options.get("exclude"):
        given["exclude"] = settings.exclude + split(given_options["exclude"])
    for name in ("fail_on", "model", "max_file_size"):
        if given_options.get(name):
            given[name] = given_options[name]
    if given_options.get("time_budget") is not None:  # 0 (no limit) is a value, not "not given"
        given["time_budget"] = given_options["time_budget"]
    for name, value in given.items():
        setattr(settings, name, value)
        origins[name] = "command line"
    return settings
