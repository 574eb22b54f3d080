#!/usr/bin/env python3
"""Side-by-side throughput of a whole `crosscheck check --format json` run against
`grep -o -E '[0-9]+'` over the same files, both writing to a pipe (grep skips work when
it writes to /dev/null).

It builds a deterministic multilingual corpus from the dev corpus (tests/corpus, every
language the packs cover): 64 files of 16 MB in all, then 64 MB, each file one language,
paragraphs shuffled and numbers varied with a fixed seed. It prints MB/s, the ratio to
grep, the 16 -> 64 MB time growth and the peak resident memory of each run.

Usage: scripts/bench.py [--bin target/release/crosscheck] [--runs 3] [--sizes 16,64]
"""
import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def paragraphs_by_language():
    langs = {}
    for f in sorted((ROOT / "tests" / "corpus").glob("*/*.txt")):
        lang = f.stem
        paras = [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        langs.setdefault(lang, []).extend(paras)
    return langs


def vary(text, rng):
    """Changes every digit run a little, keeping its length, so that values differ."""
    def repl(m):
        s = m.group(0)
        if len(s) == 4 and s.startswith(("19", "20")):
            return s  # keep years plausible
        return "".join(str(rng.randrange(10)) if c.isdigit() and rng.random() < 0.3 else c for c in s)
    return re.sub(r"\d+", repl, text)


def build(dest, total_mb, files=64, seed=7):
    rng = random.Random(seed)
    langs = paragraphs_by_language()
    codes = sorted(langs)
    dest.mkdir(parents=True, exist_ok=True)
    per_file = total_mb * 1024 * 1024 // files
    for k in range(files):
        lang = codes[k % len(codes)]
        paras = langs[lang]
        out, size = [], 0
        while size < per_file:
            p = vary(rng.choice(paras), rng)
            out.append(p)
            size += len(p.encode("utf-8")) + 2
        (dest / f"{k:02d}-{lang}.txt").write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return sum(f.stat().st_size for f in dest.iterdir())


def measure(cmd, env=None):
    """Runs cmd with stdout to a pipe that we drain; returns (seconds, bytes out, peak KiB, code).

    The drain reads into one buffer, unbuffered, so that it costs little per byte: a
    drain that allocates per read takes a core's time from the command under test, and
    more from the one with the larger output (crosscheck's JSON is 7x grep's)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, bufsize=0)
    n = 0
    buf = bytearray(1 << 20)
    while True:
        got = p.stdout.readinto(buf)
        if not got:
            break
        n += got
    _, status, usage = os.wait4(p.pid, 0)
    took = time.perf_counter() - start
    return took, n, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "crosscheck"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="16,64")
    ap.add_argument("--work", default="/tmp/crosscheck-bench")
    args = ap.parse_args()
    if not Path(args.bin).exists():
        sys.exit(f"no binary at {args.bin}: cargo build --release")
    results = {}
    for mb in [int(s) for s in args.sizes.split(",")]:
        d = Path(args.work) / f"{mb}mb"
        if not d.exists() or len(list(d.iterdir())) != 64:
            build(d, mb)
        files = sorted(str(f) for f in d.iterdir())
        size = sum(os.path.getsize(f) for f in files)
        rows = {}
        for name, cmd in [
            ("grep", ["grep", "-o", "-E", "[0-9]+"] + files),
            ("crosscheck", [args.bin, "check", "--format", "json"] + files),
        ]:
            runs = [measure(cmd) for _ in range(args.runs)]
            t = statistics.median(r[0] for r in runs)
            rows[name] = (t, runs[0][1], max(r[2] for r in runs), runs[0][3])
        results[mb] = (size, rows)
        g, c = rows["grep"], rows["crosscheck"]
        print(f"{mb:>3} MB corpus ({size/1e6:.1f} MB, 64 files, {args.runs} runs, median):")
        for name, (t, out, rss, code) in rows.items():
            print(f"    {name:<11} {t:7.3f} s  {size/1e6/t:7.1f} MB/s  out {out/1e6:7.1f} MB  peak RSS {rss/1024:7.1f} MiB  exit {code}")
        print(f"    crosscheck / grep throughput ratio: {g[0]/c[0]:.2f}x")
    if len(results) >= 2:
        (a, (sa, ra)), (b, (sb, rb)) = sorted(results.items())[0], sorted(results.items())[-1]
        growth = rb["crosscheck"][0] / ra["crosscheck"][0]
        print(f"time growth {a} -> {b} MB: {growth:.2f}x for {sb/sa:.2f}x the input")


if __name__ == "__main__":
    main()
