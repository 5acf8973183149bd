"""Speed of ``healthlint check`` next to proselint and a bare spaCy pipeline, in one run (issue 18).

Generates N articles (default 1,000) from the bundled examples and, when present, the dev and web
corpora (``../shared/corpus``); each copy gets one sentence of its own so that no two files are
equal. Then it times whole processes, start-up included, the median of ``--repeat`` runs each:

* ``healthlint check --no-cache --jobs 1`` and with the default jobs (all cores);
* ``proselint check`` on the same folder (when proselint is installed);
* a bare spaCy pipeline: ``spacy.blank("en")`` + sentencizer + lookup lemmatizer over the same texts;
* a cold one-file ``check`` (no cache), and a re-check of all N files from a warm result cache;

and prints words per second, the ratios the issue asks for, and the peak resident memory of each
process (the largest of the process and its workers, read from ``/proc``).

Usage: ``python benchmarks/speed.py [--articles 1000] [--repeat 3] [--keep DIR] [--json out.json]``
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "examples", ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "web"]
SUFFIXES = (".md", ".txt", ".html", ".htm", ".markdown")
WORD = re.compile(r"[^\W\d_]+")
BARE = """
import sys, pathlib, spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
texts = (p.read_text(encoding="utf-8", errors="replace") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*")) if p.is_file())
words = sum(sum(1 for t in doc if t.is_alpha) for doc in nlp.pipe(texts, batch_size=32))
print(words)
"""


def seeds() -> list[Path]:
    found = [p for folder in CORPORA if folder.is_dir() for p in sorted(folder.glob("*")) if p.suffix in SUFFIXES]
    if not found:
        sys.exit("speed: no seed articles found")
    return found


def generate(folder: Path, n: int) -> int:
    """N articles in ``folder`` (500 per sub-folder); returns their word count."""
    texts = [(p.suffix, p.read_text(encoding="utf-8", errors="replace")) for p in seeds()]
    words = 0
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        note = f"Editor's note {i}: this copy was reviewed in batch {i % 97} of the archive."
        at = text.lower().rfind("</body>")
        body = text[:at] + f"<p>{note}</p>\n" + text[at:] if suffix in (".html", ".htm") and at >= 0 \
            else text.rstrip("\n") + f"\n\n{note}\n"
        sub = folder / f"{i // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article-{i:05d}{suffix}").write_text(body, encoding="utf-8")
        words += len(WORD.findall(body))
    return words


def _descendants(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        children.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return children


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Wall seconds of one whole process and the peak RSS (MB) of it or its largest worker."""
    peaks: dict[int, int] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in [proc.pid, *_descendants(proc.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
            done.wait(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"speed: {' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    return {"seconds": seconds, "peak_mb": max(peaks.values(), default=0) / 1024, "stdout": out}


def median(cmd: list[str], repeat: int, **kw) -> dict:
    runs = [timed(cmd, **kw) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "runs": [round(r["seconds"], 3) for r in runs], "stdout": runs[-1]["stdout"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the generated articles here and keep them")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="healthlint-speed-"))
    folder = work / "articles"
    if folder.exists():
        shutil.rmtree(folder)
    words = generate(folder, args.articles)
    exe = [sys.executable, "-m", "healthlint"]
    env = {**os.environ, "HEALTHLINT_NO_CACHE": ""}
    env.pop("HEALTHLINT_NO_CACHE")
    check = [*exe, "check", "--isolated", "--format", "json", "--fail-on", "never"]
    figures: dict = {"articles": args.articles, "words": words, "cores": len(os.sched_getaffinity(0))}
    print(f"{args.articles} articles, {words:,} words, {figures['cores']} cores; median of {args.repeat} runs")

    rows = {}
    rows["healthlint --jobs 1"] = median([*check, "--no-cache", "--jobs", "1", str(folder)], args.repeat, env=env)
    rows["healthlint (default jobs)"] = median([*check, "--no-cache", str(folder)], args.repeat, env=env)
    proselint = shutil.which("proselint") or (Path(sys.executable).parent / "proselint")
    if Path(proselint).exists():
        rows["proselint check"] = median([str(proselint), "check", str(folder)], args.repeat)
    rows["bare spaCy pipeline"] = median([sys.executable, "-c", BARE, str(folder)], args.repeat)
    one = next(p for p in sorted(folder.rglob("*")) if p.is_file())
    rows["cold check of one file"] = median([*check, "--no-cache", str(one)], args.repeat, env=env)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    timed([*check, "--cache-dir", str(cache), str(folder)], env=env)  # fills the cache
    rows["re-check from the cache"] = median([*check, "--cache-dir", str(cache), str(folder)], args.repeat, env=env)

    print(f"{'':28} {'seconds':>8} {'words/s':>9} {'peak MB':>8}  runs")
    for name, row in rows.items():
        per_file = name == "cold check of one file"
        rate = "" if per_file else f"{words / row['seconds']:9,.0f}"
        print(f"{name:28} {row['seconds']:8.2f} {rate:>9} {row['peak_mb']:8.0f}  {row['runs']}")
        figures[name] = {k: v for k, v in row.items() if k != "stdout"}
    j1 = rows["healthlint --jobs 1"]["seconds"]
    ratios = {"default jobs / jobs 1": j1 / rows["healthlint (default jobs)"]["seconds"],
              "jobs 1 / bare spaCy (words per second)": rows["bare spaCy pipeline"]["seconds"] / j1}
    if "proselint check" in rows:
        ratios["jobs 1 / proselint (words per second)"] = rows["proselint check"]["seconds"] / j1
    for name, value in ratios.items():
        print(f"{name:42} {value:5.2f}x")
    figures["ratios"] = ratios
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
