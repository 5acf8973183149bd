"""Every rule's docstring examples: the bad ones are flagged by that rule, the good ones are not."""
import pytest

from healthlint.rule import all_rules

CASES = [(code, kind, fmt, text) for code, cls in all_rules().items() for kind, fmt, text in cls.examples()]


def test_every_rule_is_documented_with_examples():
    for code, cls in all_rules().items():
        kinds = {kind for kind, _, _ in cls.examples()}
        assert {"bad", "good"} <= kinds, f"{code} needs a Bad: and a Good: example in its docstring"
        assert cls.name and cls.summary(), code


@pytest.mark.parametrize("code,kind,fmt,text", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rule_example(linter, code, kind, fmt, text):
    suffix = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    result = linter.check_text(text, path=f"example.{suffix}", fmt=fmt)
    codes = [f.rule for f in result.findings]
    if kind == "bad":
        assert code in codes, f"{code} missed its bad example: {text!r}"
    else:
        assert code not in codes, f"{code} flagged its good example: {text!r}: {result.findings}"


def test_multi_line_examples_are_indented_lines_not_escapes():
    """``explain`` prints the docstring: an example spelled with a literal backslash-n would print as one."""
    from healthlint.rule import all_rules

    for code, cls in all_rules().items():
        for kind, _fmt, text in cls.examples():
            assert "\\n" not in text, f"{code} {kind} example uses a literal \\n: {text!r}"
