#!/usr/bin/env python3
"""Check the evaluation data in tests/eval/ and print what it holds.

Checks:
  - facts.toml of each story: unique ids, known fields, `related` entries naming facts
    that exist;
  - every gold file (tests/corpus/<story>/<lang>.gold.toml and
    tests/eval/<story>/<lang>-<n>.gold.toml): the quote's nth occurrence exists in the
    text, spans of one file do not overlap, every claim has a `fact` that is "-" or a fact
    id of the story, a claim with `wrong = true` has a value that is not its fact's value
    (and cannot be read as compatible with it: "about 90" is not wrong when the fact is
    90), a claim without it is compatible with its fact, and the corpus has no wrong claim;
  - the labelled cross-document claim pairs reach the floors below.

Prints the variant files per language and story, the wrong claims, and the claim pairs
by label. Exit status 1 on any error or a floor not reached.

Usage: python3 tests/eval/check.py [-v]     (-v lists every wrong claim)
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import tomllib
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
EVAL = ROOT / "tests" / "eval"
STORIES = ["treaty", "earthquake", "budget"]

KINDS = {"time", "scope", "predicate", "subject"}
QUALIFIERS = {"exact", "about", "nearly", "more_than", "at_least", "less_than", "up_to",
              "range", "ordinal", "reference"}
CLAIM_KEYS = {"quote", "nth", "value", "qualifier", "measure", "fact", "wrong"}
FACT_KEYS = {"id", "measure", "value", "says"}
RELATED_KEYS = {"facts", "kind", "why"}
# relative tolerance of "about" / "nearly", as rules/measures.toml [defaults]
TOLERANCE = Fraction(1, 10)

# floors the data must reach
MIN_LABELLED = 150
MIN_CONFLICT = 40
MIN_LANGS = 6

errors: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


# ---------------------------------------------------------------- values


DATE_RE = re.compile(r"^(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?$")


def parse_date(s: str, default_year: int | None):
    """ "2024-03-14", "--03-14", "2024-03", "2024" -> (first day, last day)."""
    if s.startswith("--"):
        y, rest = default_year, s[2:]
        if y is None:
            y = 2000  # a leap year: any month-day exists
        m, d = (int(p) for p in rest.split("-"))
        day = dt.date(y, m, d)
        return day, day
    parts = s.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = int(parts[1])
    if len(parts) == 2:
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date(y, m, int(parts[2]))
    return day, day


def is_date(s: str) -> bool:
    return bool(re.match(r"^(\d{4}-\d{2}|--\d{2}-\d{2})", s))


def year_of(s: str) -> int | None:
    m = re.match(r"^(\d{4})", s)
    return int(m.group(1)) if m else None


def interval(value: str, qualifier: str, measure: str, default_year: int | None = None):
    """The set of true values a claim allows, as (low, high, low_open, high_open)."""
    if measure == "date":
        if ".." in value:
            a, b = value.split("..")
            lo = parse_date(a, default_year)[0]
            hi = parse_date(b, year_of(a) or default_year)[1]
        else:
            lo, hi = parse_date(value, default_year)
        return (lo.toordinal(), hi.toordinal(), False, False)
    inf = None
    if ".." in value:
        a, b = value.split("..")
        lo = Fraction(a) if a else inf
        hi = Fraction(b) if b else inf
        return (lo, hi, qualifier == "more_than", qualifier == "less_than")
    v = Fraction(value)
    if qualifier == "about":
        return (v * (1 - TOLERANCE), v * (1 + TOLERANCE), False, False)
    if qualifier == "nearly":
        return (v * (1 - TOLERANCE), v, False, False)
    return (v, v, False, False)


def overlaps(a, b) -> bool:
    alo, ahi, alo_open, ahi_open = a
    blo, bhi, blo_open, bhi_open = b
    # a.low <= b.high and b.low <= a.high (None is unbounded)
    def le(x, x_open, y, y_open):
        if x is None or y is None:
            return True
        return x < y or (x == y and not x_open and not y_open)
    return le(alo, alo_open, bhi, bhi_open) and le(blo, blo_open, ahi, ahi_open)


def compatible(claim: dict, fact: dict) -> bool:
    """Could the claim's value be a true report of the fact's value?"""
    measure = fact["measure"]
    if measure == "date" or is_date(claim["value"]):
        if not (is_date(claim["value"]) or re.fullmatch(r"\d{4}", claim["value"])):
            return claim["value"] == fact["value"]
        fy = year_of(fact["value"])
        c = interval(claim["value"], claim["qualifier"], "date", fy)
        f = interval(fact["value"], "exact", "date", fy)
        # a claim of a day must fall in the fact's span; a claim of a span must be the span
        if claim["value"].count("-") >= 2 or ".." in claim["value"]:
            return c[0] >= f[0] and c[1] <= f[1] and (".." not in fact["value"] or c == f)
        return c == f
    c = interval(claim["value"], claim["qualifier"], measure)
    f = interval(fact["value"], "exact", measure)
    return overlaps(c, f)


# ---------------------------------------------------------------- loading


def load_facts(story: str):
    path = EVAL / story / "facts.toml"
    if not path.exists():
        err(f"{path}: missing")
        return {}, {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    facts: dict[str, dict] = {}
    for f in data.get("fact", []):
        extra = set(f) - FACT_KEYS
        if extra or not FACT_KEYS <= set(f):
            err(f"{path}: fact {f.get('id')}: fields {sorted(f)}")
        if f["id"] in facts:
            err(f"{path}: duplicate fact id {f['id']}")
        if not re.fullmatch(r"[a-z0-9_]+", f["id"]):
            err(f"{path}: fact id {f['id']!r} is not snake_case")
        facts[f["id"]] = f
    related: dict[frozenset, str] = {}
    for r in data.get("related", []):
        if set(r) != RELATED_KEYS:
            err(f"{path}: related {r.get('facts')}: fields {sorted(r)}")
        ids = r.get("facts", [])
        if len(ids) != 2 or len(set(ids)) != 2:
            err(f"{path}: related {ids}: needs two different facts")
            continue
        for i in ids:
            if i not in facts:
                err(f"{path}: related {ids}: unknown fact {i!r}")
        if r.get("kind") not in KINDS:
            err(f"{path}: related {ids}: kind {r.get('kind')!r} not in {sorted(KINDS)}")
        key = frozenset(ids)
        if key in related:
            err(f"{path}: related {ids}: listed twice")
        related[key] = r.get("kind", "?")
    return facts, related


class Doc:
    def __init__(self, story: str, txt: Path, variant: bool):
        self.story = story
        self.path = txt
        self.variant = variant
        self.name = txt.name[: -len(".txt")]
        self.lang = self.name.split("-")[0]
        self.text = txt.read_text(encoding="utf-8")
        gold = txt.with_name(self.name + ".gold.toml")
        self.gold_path = gold
        self.claims: list[dict] = []
        if not gold.exists():
            err(f"{txt}: no gold file {gold.name}")
            return
        data = tomllib.loads(gold.read_text(encoding="utf-8"))
        if data.get("lang") != self.lang:
            err(f"{gold}: lang {data.get('lang')!r}, file name says {self.lang!r}")
        self.claims = data.get("claim", [])

    def rel(self) -> str:
        return str(self.path.relative_to(ROOT))


def load_docs(story: str) -> list[Doc]:
    docs = [Doc(story, p, False) for p in sorted((CORPUS / story).glob("*.txt"))]
    for p in sorted((EVAL / story).glob("*.txt")):
        if not re.fullmatch(r"[a-z]{2}-\d+", p.name[:-4]):
            err(f"{p}: variant files are named <lang>-<n>.txt")
        docs.append(Doc(story, p, True))
    for g in sorted((EVAL / story).glob("*.gold.toml")):
        if not g.with_name(g.name[: -len(".gold.toml")] + ".txt").exists():
            err(f"{g}: no text file")
    return docs


# ---------------------------------------------------------------- checks


def check_doc(doc: Doc, facts: dict) -> None:
    spans = []
    seen = set()
    for i, c in enumerate(doc.claims):
        where = f"{doc.gold_path.relative_to(ROOT)} claim {i + 1} ({c.get('quote')!r})"
        extra = set(c) - CLAIM_KEYS
        missing = {"quote", "value", "qualifier", "measure", "fact"} - set(c)
        if extra or missing:
            err(f"{where}: unknown fields {sorted(extra)} / missing {sorted(missing)}")
            continue
        if c["qualifier"] not in QUALIFIERS:
            err(f"{where}: qualifier {c['qualifier']!r}")
        nth = c.get("nth", 1)
        if (c["quote"], nth) in seen:
            err(f"{where}: the same quote and nth twice")
        seen.add((c["quote"], nth))
        pos, start = -1, 0
        for _ in range(nth):
            pos = doc.text.find(c["quote"], start)
            if pos < 0:
                break
            start = pos + 1
        if pos < 0:
            err(f"{where}: occurrence {nth} of the quote not in {doc.path.name}")
        else:
            spans.append((pos, pos + len(c["quote"]), where))
        fid = c["fact"]
        wrong = c.get("wrong", False)
        if wrong is not False and wrong is not True:
            err(f"{where}: wrong = {wrong!r}")
        if wrong and not doc.variant:
            err(f"{where}: the corpus is consistent: no claim may be wrong")
        if fid == "-":
            if wrong:
                err(f"{where}: a wrong claim must name its fact")
            continue
        fact = facts.get(fid)
        if fact is None:
            err(f"{where}: unknown fact {fid!r}")
            continue
        try:
            ok = compatible(c, fact)
        except (ValueError, ZeroDivisionError) as e:
            err(f"{where}: cannot read value {c['value']!r}: {e}")
            continue
        if wrong:
            if c["value"] == fact["value"]:
                err(f"{where}: wrong, but its value is the fact's value {fact['value']}")
            elif ok:
                err(f"{where}: wrong, but {c['qualifier']} {c['value']} is compatible "
                    f"with the fact's {fact['value']}")
        elif not ok:
            err(f"{where}: {c['qualifier']} {c['value']} contradicts fact {fid} = "
                f"{fact['value']}; mark it wrong = true or fix the tag")
    spans.sort()
    for (a0, a1, wa), (b0, b1, wb) in zip(spans, spans[1:]):
        if b0 < a1:
            err(f"{wb}: overlaps {wa}")


def pair_label(a: dict, b: dict, facts: dict, related: dict) -> str | None:
    fa, fb = a["fact"], b["fact"]
    wa, wb = a.get("wrong", False), b.get("wrong", False)
    if fa == fb:
        if wa != wb:
            return "conflict"
        if wa and wb:
            same = (a["value"], a["qualifier"]) == (b["value"], b["qualifier"])
            return "both_wrong_same" if same else "conflict"
        return "agree"
    if frozenset((fa, fb)) in related:
        return "explained"
    if facts[fa]["measure"] == facts[fb]["measure"]:
        return "hard_negative"
    return None


LABELS = ["conflict", "agree", "explained", "hard_negative"]


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    variant_files: dict[str, Counter] = defaultdict(Counter)
    wrong_claims = []
    pairs_all: dict[str, Counter] = defaultdict(Counter)
    pairs_var: dict[str, Counter] = defaultdict(Counter)
    pairs_var_lang: dict[str, Counter] = defaultdict(Counter)
    explained_kind: Counter = Counter()
    gold_counts = Counter()
    tagged = Counter()
    for story in STORIES:
        facts, related = load_facts(story)
        docs = load_docs(story)
        for d in docs:
            check_doc(d, facts)
            gold_counts["variant" if d.variant else "corpus"] += 1
            if d.variant:
                variant_files[d.lang][story] += 1
            for c in d.claims:
                tagged["fact" if c.get("fact", "-") != "-" else "-"] += 1
                if c.get("wrong"):
                    wrong_claims.append((d.rel(), c["quote"], c["value"], c["fact"],
                                         facts.get(c["fact"], {}).get("value")))
        # facts never stated by any document
        stated = {c.get("fact") for d in docs for c in d.claims}
        for fid in facts:
            if fid not in stated:
                err(f"tests/eval/{story}/facts.toml: fact {fid} is stated by no report")
        # claims usable in pairs
        items = [(d, c) for d in docs for c in d.claims
                 if c.get("fact", "-") != "-" and c.get("fact") in facts]
        for (d1, c1), (d2, c2) in itertools.combinations(items, 2):
            if d1 is d2:
                continue
            label = pair_label(c1, c2, facts, related)
            if label is None:
                continue
            pairs_all[story][label] += 1
            if label == "explained":
                explained_kind[related[frozenset((c1["fact"], c2["fact"]))]] += 1
            if d1.variant or d2.variant:
                pairs_var[story][label] += 1
                for d in {d1.lang if d1.variant else None, d2.lang if d2.variant else None}:
                    if d:
                        pairs_var_lang[d][label] += 1

    # ------------------------------------------------------------ report
    print(f"gold files: {gold_counts['corpus']} corpus, {gold_counts['variant']} variant; "
          f"claims tagged with a fact: {tagged['fact']}, with '-': {tagged['-']}")
    print()
    print("variant files per language and story")
    print(f"  {'lang':6}" + "".join(f"{s:>12}" for s in STORIES) + f"{'total':>8}")
    for lang in sorted(variant_files):
        row = variant_files[lang]
        print(f"  {lang:6}" + "".join(f"{row[s]:>12}" for s in STORIES)
              + f"{sum(row.values()):>8}")
    tot = Counter()
    for row in variant_files.values():
        tot.update(row)
    print(f"  {'total':6}" + "".join(f"{tot[s]:>12}" for s in STORIES)
          + f"{sum(tot.values()):>8}")
    print()
    print(f"wrong claims: {len(wrong_claims)} "
          f"in {len({w[0] for w in wrong_claims})} files")
    if verbose:
        for path, quote, value, fid, true in wrong_claims:
            print(f"  {path}: {quote!r} = {value}, {fid} is {true}")
    print()

    def table(title, data, keys, keyname):
        print(title)
        print(f"  {keyname:10}" + "".join(f"{l:>15}" for l in LABELS) + f"{'total':>9}")
        total = Counter()
        for k in keys:
            row = data[k]
            total.update(row)
            print(f"  {k:10}" + "".join(f"{row[l]:>15}" for l in LABELS)
                  + f"{sum(row[l] for l in LABELS):>9}")
        print(f"  {'total':10}" + "".join(f"{total[l]:>15}" for l in LABELS)
              + f"{sum(total[l] for l in LABELS):>9}")
        return total

    all_tot = table("cross-document claim pairs, corpus + variants", pairs_all, STORIES, "story")
    print(f"  explained pairs by kind: "
          + ", ".join(f"{k} {explained_kind[k]}" for k in sorted(explained_kind)))
    both = sum(pairs_all[s]["both_wrong_same"] for s in STORIES)
    if both:
        print(f"  (and {both} pairs of two claims wrong with the same value, not labelled)")
    print()
    var_tot = table("of which pairs with at least one variant document", pairs_var, STORIES,
                    "story")
    print()
    table("pairs with a variant document, by the variant's language "
          "(a pair of two variants counts for both)",
          pairs_var_lang, sorted(pairs_var_lang), "lang")
    print()

    # ------------------------------------------------------------ floors
    labelled = sum(all_tot[l] for l in LABELS)
    langs = [l for l in variant_files if sum(variant_files[l].values())]
    stories = [s for s in STORIES if tot[s]]
    floors = [
        (f"labelled pairs >= {MIN_LABELLED}", labelled >= MIN_LABELLED, labelled),
        (f"conflict pairs >= {MIN_CONFLICT}", all_tot["conflict"] >= MIN_CONFLICT,
         all_tot["conflict"]),
        (f"variant languages >= {MIN_LANGS}", len(langs) >= MIN_LANGS, len(langs)),
        ("stories with variants = 3", len(stories) == 3, len(stories)),
        (f"labelled pairs with a variant >= {MIN_LABELLED}",
         sum(var_tot[l] for l in LABELS) >= MIN_LABELLED, sum(var_tot[l] for l in LABELS)),
    ]
    for name, ok, got in floors:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {got}")
        if not ok:
            err(f"floor not reached: {name} (got {got})")
    print()
    if errors:
        print(f"{len(errors)} error(s):")
        for e in errors:
            print(f"  {e}")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
