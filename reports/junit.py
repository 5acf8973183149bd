"""JUnit XML for CI test dashboards (GitLab merge requests, Jenkins, Azure): one test case per
article, one ``<failure>`` per finding at or above ``fail-on`` (what makes the exit code 1), an
``<error>`` for an article that could not be checked. Findings below ``fail-on`` do not fail the test
case, as they do not fail the run; they are listed in its ``<system-out>``."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import healthlint

# XML 1.0 forbids most control characters; an article read as cp1252 may contain them.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return INVALID_XML.sub("\ufffd", text)


def _failure_text(f) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}"]
    if f.excerpt:
        lines.append(f"    {f.excerpt.strip()[:300]}")
    if f.suggestion:
        lines.append(f"    suggestion: {f.suggestion}")
    if f.reference:
        lines.append(f"    reference: {f.reference}")
    return _clean("\n".join(lines))


def render(result, **_) -> str:
    suite = ET.Element("testsuite", name="healthlint")
    failed = errored = 0
    for file in result.files:
        case = ET.SubElement(suite, "testcase", classname="healthlint", name=_clean(file.path), file=_clean(file.path))
        failing = [f for f in file.findings if result.fails(f)]
        for f in failing:
            failure = ET.SubElement(case, "failure", type=f.rule,
                                    message=_clean(f"{f.rule} [{f.severity}] line {f.line}: {f.message}"))
            failure.text = _failure_text(f)
        if failing:
            failed += 1
        if file.errors:
            errored += 1
            error = ET.SubElement(case, "error", type="file", message=_clean("; ".join(file.errors)))
            error.text = _clean("\n".join(file.errors))
        passing = [f for f in file.findings if not result.fails(f)]
        if passing:  # after failures and errors, as the JUnit schema orders a test case's children
            ET.SubElement(case, "system-out").text = "\n".join(_failure_text(f) for f in passing)
    attrs = {"tests": str(len(result.files)), "failures": str(failed), "errors": str(errored), "skipped": "0"}
    suite.attrib.update(attrs)
    root = ET.Element("testsuites", name=f"healthlint {healthlint.__version__}", **attrs)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
