"""Benchmark ``healthlint audit`` against the bare spaCy pipeline, in one run.

Generates an archive of N articles (default 2,000) from the bundled examples
(``examples/``) and, when present, the dev corpus (``../shared/corpus/dev``),
each copy made unique by an added sentence so that the cache cannot dedupe
them; writes it as a folder, a WordPress export and a JSON Lines file; then
measures, on this machine and in this run:

* the bare pipeline: the same spaCy ``Language`` over the same prose with
  ``nlp.pipe`` and no rules (built before the clock starts);
* ``healthlint audit --no-cache`` on the folder with 1 job and with all jobs
  (wall clock of the command, start-up included), their ratios, and the peak
  RSS of each worker process;
* a re-run whose articles are all cached;
* the WordPress export and the JSON Lines file with all jobs.

Usage: ``python benchmarks/benchmark.py [--articles 2000] [--jobs N] [--keep DIR] [--json out.json]``
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SUFFIXES = (".md", ".txt", ".html", ".htm", ".markdown")


def seeds() -> list[Path]:
    found = sorted(p for p in (ROOT / "examples").glob("*") if p.suffix in SUFFIXES)
    if DEV.is_dir():
        found += sorted(p for p in DEV.glob("*") if p.suffix in SUFFIXES)
    if not found:
        sys.exit("benchmark: no example articles found in examples/")
    return found


def unique(text: str, suffix: str, i: int) -> str:
    """The seed plus one sentence naming copy ``i``: same work per copy, a different cache key."""
    note = f"Editor's note {i}: this copy of the article was reviewed in batch {i % 97} of the archive."
    if suffix in (".html", ".htm"):
        at = text.lower().rfind("</body>")
        return text[:at] + f"<p>{note}</p>\n" + text[at:] if at >= 0 else text + f"\n<p>{note}</p>\n"
    return text.rstrip("\n") + f"\n\n{note}\n"


def generate(workdir: Path, n: int) -> dict:
    """The archive as a folder, a WXR export and a JSONL file (N articles each)."""
    folder = workdir / "archive"
    folder.mkdir(parents=True)
    sources = [(p.suffix.lower(), p.read_text(encoding="utf-8")) for p in seeds()]
    wxr = open(workdir / "export.xml", "w", encoding="utf-8")
    jsonl = open(workdir / "archive.jsonl", "w", encoding="utf-8")
    wxr.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>benchmark</title>\n')
    fmt_of = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
    for i in range(n):
        suffix, text = sources[i % len(sources)]
        body = unique(text, suffix, i)
        (folder / f"{i // 500:02d}").mkdir(exist_ok=True)
        (folder / f"{i // 500:02d}" / f"article-{i:05d}{suffix}").write_text(body, encoding="utf-8")
        jsonl.write(json.dumps({"id": f"a{i}", "title": f"Article {i}", "body": body, "format": fmt_of[suffix],
                                "url": f"https://example.org/{i}"}) + "\n")
        html_body = body if suffix in (".html", ".htm") else "".join(
            f"<p>{escape(block)}</p>\n" for block in body.split("\n\n") if block.strip())
        wxr.write(f"<item>\n<title>Article {i}</title>\n<link>https://example.org/{i}/</link>\n"
                  f"<content:encoded><![CDATA[{html_body.replace(']]>', ']]&gt;')}]]></content:encoded>\n"
                  f"<wp:post_id>{i}</wp:post_id>\n<wp:status><![CDATA[publish]]></wp:status>\n"
                  f"<wp:post_type><![CDATA[post]]></wp:post_type>\n</item>\n")
    wxr.write("</channel>\n</rss>\n")
    wxr.close()
    jsonl.close()
    return {"folder": folder, "wxr": workdir / "export.xml", "jsonl": workdir / "archive.jsonl",
            "seeds": len(sources)}


def bare_pipeline(folder: Path) -> dict:
    """The engine's own Language over the same prose, no rules: articles and words per second."""
    from healthlint.pipeline import build
    from healthlint.sources import discover, load

    nlp = build(None)
    proses = [load(src).prose for src in discover([str(folder)])[0]]
    list(nlp.pipe(proses[:50]))  # warm up
    start = time.perf_counter()
    words = sum(sum(1 for t in doc if t.is_alpha) for doc in nlp.pipe(proses, batch_size=32))
    seconds = time.perf_counter() - start
    return {"articles": len(proses), "seconds": seconds, "per_second": len(proses) / seconds,
            "words_per_second": words / seconds}


EXTRA: list[str] = []
PIN: list[str] = []  # the code and data parts of the cache key, frozen at the start (see main)


def where_time_goes(folder: Path, sample: int = 200) -> dict:
    """Milliseconds per article: reading, pipeline, each rule, finalize, page; over a sample (in process)."""
    from collections import defaultdict

    from healthlint.engine import FileResult, Linter
    from healthlint.reports.audit_page import render_audit_page
    from healthlint.sources import discover, load

    linter = Linter()
    sources = discover([str(folder)])[0][:sample]
    cost: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    docs = [load(src) for src in sources]
    cost["read and parse"] = time.perf_counter() - start
    start = time.perf_counter()
    for doc, sdoc in zip(docs, linter.nlp.pipe([d.prose for d in docs], batch_size=32)):
        doc.spacy = sdoc
    cost["spaCy pipeline"] = time.perf_counter() - start
    for doc in docs:
        found = []
        for rule in linter.rules:
            start = time.perf_counter()
            found += list(rule.check(doc))
            cost[f"rule {rule.code}"] += time.perf_counter() - start
        start = time.perf_counter()
        findings = linter.finalize(doc, found)
        cost["finalize"] += time.perf_counter() - start
        start = time.perf_counter()
        render_audit_page(FileResult(path=doc.path, findings=findings, document=doc, title=doc.title))
        cost["article page"] += time.perf_counter() - start
    return {k: 1000 * v / len(docs) for k, v in sorted(cost.items(), key=lambda kv: -kv[1])}


def run_audit(inputs: list[Path], output: Path, *args: str) -> dict:
    launcher = [sys.executable, "-c", "import healthlint.audit.cache as c, healthlint.knowledge as k; "
                f"c._code_fingerprint = lambda: {PIN[0]!r}; k.fingerprint = lambda: {PIN[1]!r}; "
                "from healthlint.cli import main; main()"]
    cmd = [*launcher, "audit", *map(str, inputs), "-o", str(output), "-q", *args, *EXTRA]
    import resource

    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1, 2) or not (output / "audit.json").is_file():
        sys.exit(f"benchmark: audit failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    meta = json.loads((output / "audit.json").read_text())
    return {"seconds": seconds, "cpu_seconds": cpu, "load_before": load, "articles": meta["articles"], "per_second": meta["articles"] / seconds,
            "findings": meta["findings"], "cache_hits": meta["cache_hits"], "errors": len(meta["errors"]),
            "worker_peak_rss_mb": max(meta["worker_peak_rss_mb"].values(), default=0.0),
            "main_peak_rss_mb": meta.get("main_peak_rss_mb", 0.0), "workers": len(meta["worker_peak_rss_mb"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", help="Generate into this folder and keep it.")
    parser.add_argument("--json", help="Also write the figures to this JSON file.")
    parser.add_argument("--select", help="Pass --select to the audits (default: every rule).")
    parser.add_argument("--repeat", type=int, default=2, help="Runs of the 1-job and all-jobs audits (best kept).")
    opts = parser.parse_args()
    # The cache key includes hashes of healthlint's source and data. In a checkout that others are
    # editing while this runs, an edit between two runs would (rightly) invalidate the cache and hide
    # what is measured here, so every run uses the hashes taken now. A release never changes between runs.
    from healthlint.audit.cache import _code_fingerprint
    from healthlint.knowledge import fingerprint

    PIN.extend([_code_fingerprint(), fingerprint()])
    if opts.select:
        EXTRA.extend(["--select", opts.select])

    workdir = Path(opts.keep) if opts.keep else Path(tempfile.mkdtemp(prefix="healthlint-bench-"))
    if workdir.exists() and opts.keep:
        shutil.rmtree(workdir)
    try:
        arch = generate(workdir, opts.articles)
        print(f"archive: {opts.articles} articles from {arch['seeds']} seed articles, "
              f"{os.cpu_count()} cores, python {sys.version.split()[0]}")
        bare = bare_pipeline(arch["folder"])
        # 1 job and all jobs alternate, best of --repeat each: the machine may be shared
        ones, manys = [], []
        for _ in range(opts.repeat):
            ones.append(run_audit([arch["folder"]], workdir / "out1", "--jobs", "1", "--no-cache"))
            manys.append(run_audit([arch["folder"]], workdir / "outN", "--jobs", str(opts.jobs), "--no-cache"))
        one = min(ones, key=lambda r: r["seconds"])
        many = min(manys, key=lambda r: r["seconds"])
        populate = run_audit([arch["folder"]], workdir / "outC", "--jobs", str(opts.jobs))
        cached = run_audit([arch["folder"]], workdir / "outC", "--jobs", str(opts.jobs))
        wxr = run_audit([arch["wxr"]], workdir / "outW", "--jobs", str(opts.jobs), "--no-cache")
        jsonl = run_audit([arch["jsonl"]], workdir / "outJ", "--jobs", str(opts.jobs), "--no-cache")
        profile = where_time_goes(arch["folder"])
    finally:
        if not opts.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    figures = {
        "ms_per_article": profile,
        "articles": opts.articles, "jobs": opts.jobs, "bare_pipeline": bare, "audit_1_job": one,
        "audit_1_job_runs": ones, "audit_all_jobs_runs": manys, "audit_all_jobs": many,
        "audit_populating_cache": populate, "audit_cached": cached,
        "audit_wxr_all_jobs": wxr, "audit_jsonl_all_jobs": jsonl,
        "ratio_1_job_to_bare": one["per_second"] / bare["per_second"],
        "ratio_all_jobs_to_1_job": many["per_second"] / one["per_second"],
        "cached_speedup": populate["seconds"] / cached["seconds"],
    }
    row = "{:<36}{:>10}{:>14}{:>12}{:>10}"
    print(row.format("", "seconds", "articles/s", "peak MB", "CPU s"))
    print(row.format("bare pipeline (nlp.pipe, no rules)", f"{bare['seconds']:.2f}", f"{bare['per_second']:.1f}",
                     "", ""))
    for name, r in (("audit, 1 job", one), (f"audit, {opts.jobs} jobs", many),
                    (f"audit, {opts.jobs} jobs, filling the cache", populate),
                    (f"audit, {opts.jobs} jobs, cached re-run", cached),
                    (f"audit WXR export, {opts.jobs} jobs", wxr), (f"audit JSONL, {opts.jobs} jobs", jsonl)):
        print(row.format(name, f"{r['seconds']:.2f}", f"{r['per_second']:.1f}", f"{r['worker_peak_rss_mb']:.0f}",
                         f"{r['cpu_seconds']:.1f}"))
    print(f"bare pipeline words/s: {bare['words_per_second']:.0f}; findings per run: {one['findings']}")
    print(f"1 job / bare pipeline:  {figures['ratio_1_job_to_bare']:.2f}  (target >= 0.5)")
    print(f"{opts.jobs} jobs / 1 job:        {figures['ratio_all_jobs_to_1_job']:.2f}  (target >= 1.7 on 2 cores; "
          f"CPU seconds {one['cpu_seconds']:.1f} vs {many['cpu_seconds']:.1f}; 1-minute load average before "
          f"the runs {one['load_before']:.1f} and {many['load_before']:.1f})")
    print(f"cached re-run speed-up: {figures['cached_speedup']:.1f}x (target >= 10x; {cached['cache_hits']} hits)")
    print(f"peak RSS per worker:    {max(one['worker_peak_rss_mb'], many['worker_peak_rss_mb']):.0f} MB "
          f"(target < 600 MB); main process with {opts.jobs} jobs: {many['main_peak_rss_mb']:.0f} MB")
    print("where the time goes, ms per article (in process, first 200 articles):")
    print("  " + ", ".join(f"{k} {v:.1f}" for k, v in profile.items() if v >= 0.05))
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
