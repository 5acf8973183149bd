"""An audited article's page: its text with every finding marked, the findings, the score.

The single-article report (:mod:`healthlint.reports.html`) is made to be mailed: one file
with its stylesheet and script inline, and rich markup for each finding. An audit writes
thousands of pages, so its pages are lean: the stylesheet and the script are written once
per output folder (``assets/page.css``, ``assets/page.js``: :func:`assets`) and linked,
each finding's text appears once (in the list; a highlight points at it with
``aria-describedby``), and the header says what the export knows (author, date, live URL,
categories). The article text is cut into pieces by the same code as the report
(:func:`healthlint.reports.html.file_view`), so highlights and overlaps behave the same.

The Content-Security-Policy allows scripts and styles from the page's own origin only
(``'self'``, which for a ``file:`` page means its folder tree); article text is escaped.
"""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from .html import environment, file_view, safe_url

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@lru_cache(maxsize=1)
def assets() -> dict[str, str]:
    """The files every page links to, by name under ``assets/``."""
    env = environment()
    return {"page.css": env.get_template("_dashboard_article.css.j2").render(),
            "page.js": env.get_template("_dashboard_article.js.j2").render()}


def _pieces(view: dict) -> list[dict]:
    """Blocks as the lean template draws them: each highlight with its category, severity and targets."""
    by_id = {f["id"]: f for f in view["findings"]}
    blocks = []
    for block in view["blocks"]:
        pieces = []
        for p in block.pieces:
            item = {"kind": p.kind, "text": p.text, "ids": " ".join(f"i{fid}" for fid in p.fids),
                    "first": p.fids[0] if p.fids else "", "num": p.num, "multi": len(p.fids) > 1}
            if p.kind in ("text", "chip") and p.fids:
                worst = min((by_id[fid] for fid in p.fids if fid in by_id),
                            key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))
                item.update(cat=worst["category"], sev=worst["severity"])
            pieces.append(item)
        blocks.append({"heading": block.kind == "h", "level": block.level, "pieces": pieces})
    return blocks


def render_audit_page(file_result, info: dict | None = None, back_href: str = "../index.html",
                      assets_href: str = "../assets/") -> str:
    """One article's page in an audit's output folder.

    ``info``: what the audit knows about the article besides its findings (``author``,
    ``date``, ``url``, ``categories``; see :func:`healthlint.audit.metadata.describe`).
    ``back_href`` and ``assets_href`` are relative links (anything with a scheme other
    than http(s) is dropped).
    """
    import healthlint

    info = {"author": "", "date": "", "url": "", "categories": [], **(info or {})}
    view = file_view(file_result, 1)
    findings = sorted(view["findings"], key=lambda f: (f["line"], f["column"], f["num"]))
    for f in findings:  # a reference link shows its site; the address is in the link
        f["host"] = urlsplit(f["reference"]).netloc.removeprefix("www.") if f["reference"] else ""
    return environment().get_template("dashboard_article.html.j2").render(
        f=view, blocks=_pieces(view), findings=findings, info=info, live_url=safe_url(info.get("url")),
        back=safe_url(back_href, relative=True), assets=safe_url(assets_href, relative=True) or "",
        version=healthlint.__version__)
