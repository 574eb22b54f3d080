#!/usr/bin/env python3
"""Speed of crosscheck against a peer quantity extractor on the same English text: not
part of CI (it installs from PyPI).

It installs quantulum3 (PyPI) into a virtual environment under target/peers-venv, builds
an English text from the dev corpus (tests/corpus/*/en.txt, paragraphs repeated with a
fixed seed and their digits varied, as scripts/bench.py does) and times
  - quantulum3: `parser.parse` over each paragraph, inside one Python process (the import
    and its model loading are timed apart and left out), and
  - crosscheck: a whole `crosscheck check --format json --lang en` run over the same text
    as one file (process start included),
then prints each one's throughput and the speed ratio. Quantulum3 extracts quantities
only (no keying, no comparison), so the ratio flatters it.

Usage: scripts/bench_peers.py [--bin target/release/crosscheck] [--kb 256] [--runs 3]
"""
import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "peers-venv"

PEER = r"""
import sys, time, warnings
warnings.filterwarnings("ignore")
t = time.perf_counter()
from quantulum3 import parser
load = time.perf_counter() - t
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
t = time.perf_counter()
n = sum(len(parser.parse(p)) for p in paras)
print(f"{time.perf_counter() - t} {load} {n}")
"""


def english_text(kb, seed=7):
    paras = []
    for f in sorted((ROOT / "tests" / "corpus").glob("*/en.txt")):
        paras += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(seed)

    def vary(m):
        s = m.group(0)
        if len(s) == 4 and s.startswith(("19", "20")):
            return s
        return "".join(str(rng.randrange(10)) if c.isdigit() and rng.random() < 0.3 else c for c in s)

    out, size = [], 0
    while size < kb * 1024:
        p = re.sub(r"\d+", vary, rng.choice(paras))
        out.append(p)
        size += len(p.encode("utf-8")) + 2
    return "\n\n".join(out) + "\n"


def python_in_venv():
    py = VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {VENV} and installing quantulum3 ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "quantulum3"], check=True)
    return py


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "crosscheck"))
    ap.add_argument("--kb", type=int, default=256)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not Path(args.bin).exists():
        sys.exit(f"no binary at {args.bin}: cargo build --release")
    py = python_in_venv()
    work = ROOT / "target" / "peers"
    work.mkdir(parents=True, exist_ok=True)
    text = work / "en.txt"
    text.write_text(english_text(args.kb), encoding="utf-8")
    size = text.stat().st_size

    peer = []
    for _ in range(args.runs):
        out = subprocess.run([str(py), "-c", PEER, str(text)], capture_output=True, text=True, check=True)
        took, load, found = out.stdout.split()
        peer.append((float(took), float(load), int(found)))
    q = statistics.median(r[0] for r in peer)

    ours = []
    for _ in range(args.runs):
        start = time.perf_counter()
        out = subprocess.run([args.bin, "check", "--format", "json", "--lang", "en", str(text)], capture_output=True)
        ours.append(time.perf_counter() - start)
        if out.returncode not in (0, 1):
            sys.exit(out.stderr.decode())
    c = statistics.median(ours)
    import json
    claims = len(json.loads(out.stdout)["claims"])

    print(f"English text: {size/1e3:.0f} kB ({args.runs} runs, median)")
    print(f"    quantulum3  {q:8.3f} s  {size/1e6/q:8.3f} MB/s  {peer[0][2]} quantities  (import {peer[0][1]:.2f} s, not counted)")
    print(f"    crosscheck  {c:8.3f} s  {size/1e6/c:8.3f} MB/s  {claims} claims  (whole check run)")
    print(f"    crosscheck / quantulum3 speed ratio: {q/c:.0f}x")


if __name__ == "__main__":
    main()
