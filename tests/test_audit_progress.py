"""Audit progress on stderr (healthlint.audit.progress): a bar on a terminal, plain lines in a log."""
from __future__ import annotations

from click.testing import CliRunner

from audit_fixtures import archive, steady_code  # noqa: F401 - fixtures

from healthlint.audit.progress import Progress
from healthlint.cli import cli


class _Stream:
    def __init__(self, tty):
        self.tty, self.parts = tty, []

    def isatty(self):
        return self.tty

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


def test_progress_plain_line_when_not_a_terminal():
    stream = _Stream(tty=False)
    progress = Progress(10, stream=stream, interval=0)
    for i in range(10):
        progress.update(cached=i < 4)
    progress.close()
    assert all(p.endswith("\n") and "\r" not in p for p in stream.parts)
    assert stream.parts[-1].startswith("healthlint audit: 10/10 articles (100%)")
    assert "/s, ETA" in stream.parts[0] and "4 from cache" in stream.parts[-1]


def test_progress_bar_on_a_terminal_and_silence_when_quiet():
    stream = _Stream(tty=True)
    progress = Progress(4, stream=stream, interval=0)
    progress.update()
    assert stream.parts[0].startswith("\r[") and "1/4" in stream.parts[0] and "articles/s ETA" in stream.parts[0]
    quiet = _Stream(tty=True)
    progress = Progress(4, quiet=True, stream=quiet, interval=0)
    progress.update()
    progress.close()
    assert quiet.parts == []


def test_progress_goes_to_stderr_only(archive, tmp_path):
    result = CliRunner().invoke(cli, ["audit", str(archive["folder"]), "-o", str(tmp_path / "o"), "--jobs", "1",
                                      "--select", "HL405"])
    assert "healthlint audit: 3/3 articles (100%)" in result.stderr
    assert "3/3" not in result.stdout
    quiet = CliRunner().invoke(cli, ["audit", str(archive["folder"]), "-o", str(tmp_path / "q"), "-j", "1", "-q",
                                     "--select", "HL405"])
    assert quiet.stderr == ""
