"""Development harness for the consistency findings: many planted sets scored in one process.

    .venv/bin/python benchmarks/consistency_dev.py SET_DIR... [--orig DIR] [--cache FILE]
                                                   [--jobs 2] [--verbose] [--json OUT]

Each SET_DIR is a directory written by ``shared/eval/plant_errors.py`` (``<cluster>.jsonl`` and
``gold.json``); ``--orig`` (default ``../shared/eval/duc2006``) holds the unmodified clusters.
Scoring is ``shared/eval/consistency_eval.py``'s own (its ``matches`` and ``finding_key`` are
imported): recall per kind, precision on planted clusters (findings also made on the unmodified
cluster are set aside), and findings per clean cluster — both the set's clean clusters and all
the unmodified clusters. Unlike ``bench_consistency.py`` (the official command, one ``storyline``
process per cluster), every article is parsed once: parses are cached by cleaned text in
``--cache``, so a planted set costs only its changed articles. The per-story stages are the
CLI's (``entities`` → ``facts`` → ``consistency``). Skips cleanly when ``../shared/eval`` is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import multiprocessing
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
KINDS = ("name", "title", "number", "date")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("consistency_eval", EVAL / "consistency_eval.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


_CACHE: dict[str, bytes] = {}


def _parse(articles: list[Any]) -> list[str]:
    """Parse ``articles`` in place, reusing cached docs; returns the keys parsed anew."""
    from spacy.tokens import Doc

    from storyline import nlp

    todo = [a for a in articles if _key(a.text[: nlp.MAX_CHARS]) not in _CACHE]
    if todo:
        nlp.annotate(todo, n_process=1)
        for a in todo:
            _CACHE[_key(a.text[: nlp.MAX_CHARS])] = a._doc.to_bytes()
    vocab = nlp.load().vocab
    for a in articles:
        if a._doc is None:
            nlp.attach(a, Doc(vocab).from_bytes(_CACHE[_key(a.text[: nlp.MAX_CHARS])]))
    return [_key(a.text[: nlp.MAX_CHARS]) for a in todo]


def findings_of(path: Path) -> tuple[list[dict], dict[str, bytes]]:
    """The findings ``storyline brief PATH --one-story`` makes, and the docs parsed anew."""
    from storyline import clean, consistency, dedup, entities, facts
    from storyline.pipeline import load_articles

    arts, _ = load_articles([path])
    arts = clean.clean_articles(arts)
    new = _parse(arts)
    dedup.mark_duplicates(arts)
    ents = entities.extract_entities(arts)
    fs = consistency.find_inconsistencies(arts, ents, facts.extract_facts(arts, ents))
    return [f.to_dict() for f in fs], {k: _CACHE[k] for k in new}


def _work(path: str) -> tuple[str, list[dict], dict[str, bytes]]:
    fs, new = findings_of(Path(path))
    return path, fs, new


def run_all(paths: list[Path], jobs: int) -> dict[Path, list[dict]]:
    out: dict[Path, list[dict]] = {}
    done = 0
    t0 = time.perf_counter()
    if jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            for p, fs, new in pool.imap_unordered(_work, [str(p) for p in paths]):
                out[Path(p)] = fs
                _CACHE.update(new)
                done += 1
                if done % 50 == 0:
                    print(f"  {done}/{len(paths)} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    else:
        for p in paths:
            out[p] = findings_of(p)[0]
    return out


def score(sc: Any, gold: dict, got: dict[str, list[dict]], orig: dict[str, list[dict]],
          verbose: bool, label: str) -> dict:
    kinds = {k: [0, 0] for k in KINDS}  # planted, caught
    match = fa = pre = 0
    clean_n = clean_f = 0
    for c in sorted(gold):
        fs = got[c]
        if not gold[c]:
            clean_n += 1
            clean_f += len(fs)
            if verbose:
                for f in fs:
                    print(f"  [{label}] CLEAN {c} {f['article']} {f['kind']}: {f['found'][:70]!r}"
                          f" expected {f['expected'][:50]!r}")
            continue
        okeys = {sc.finding_key(f) for f in orig.get(c, [])}
        hit: set[int] = set()
        for g in gold[c]:
            kinds[g["kind"]][0] += 1
            h = [i for i, f in enumerate(fs) if sc.matches(g, f)]
            hit.update(h)
            if h:
                kinds[g["kind"]][1] += 1
            elif verbose:
                print(f"  [{label}] MISS {c} {g['article']} {g['kind']}: {g['original']!r} -> "
                      f"{g['planted']!r} | {g.get('context', '')[:110]}")
        for i, f in enumerate(fs):
            if i in hit:
                match += 1
            elif sc.finding_key(f) in okeys:
                pre += 1
            else:
                fa += 1
                if verbose:
                    print(f"  [{label}] FALSE {c} {f['article']} {f['kind']}: {f['found'][:70]!r}"
                          f" expected {f['expected'][:50]!r}")
    planted = sum(v[0] for v in kinds.values())
    caught = sum(v[1] for v in kinds.values())
    return {"planted": planted, "caught": caught, "kinds": kinds, "match": match, "fa": fa,
            "pre": pre, "clean_n": clean_n, "clean_f": clean_f}


def _row(label: str, r: dict) -> str:
    k = r["kinds"]
    prec = r["match"] / (r["match"] + r["fa"]) if r["match"] + r["fa"] else 1.0
    per = r["clean_f"] / r["clean_n"] if r["clean_n"] else 0.0
    return (f"{label:12} {r['caught'] / max(1, r['planted']):6.3f} "
            + " ".join(f"{k[x][1]:3d}/{k[x][0]:<3d}" for x in KINDS)
            + f" {prec:6.3f} {r['fa']:3d} {per:6.2f} ({r['clean_f']}/{r['clean_n']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--orig", type=Path, default=EVAL / "duc2006")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-docs.pkl"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", type=Path, help="write every cluster's findings here")
    args = ap.parse_args(argv)
    if not (EVAL / "consistency_eval.py").is_file() or not args.orig.is_dir():
        print(f"consistency_dev: {EVAL} not found, skipping", file=sys.stderr)
        return 0
    sc = _scorer()
    if args.cache.is_file():
        _CACHE.update(pickle.loads(args.cache.read_bytes()))
    before = len(_CACHE)
    files = sorted(args.orig.glob("*.jsonl"))
    paths = list(files) + [s / f.name for s in args.sets for f in files if (s / f.name).is_file()]
    from storyline import nlp

    nlp.load()  # once, before forking
    t0 = time.perf_counter()
    res = run_all(paths, args.jobs)
    secs = time.perf_counter() - t0
    if len(_CACHE) > before:
        args.cache.write_bytes(pickle.dumps(_CACHE))
    orig = {f.stem: res[f] for f in files}
    print(f"{'set':12} {'recall':>6} " + " ".join(f"{k:>7}" for k in KINDS)
          + "   prec  FA clean/cluster")
    total: dict = {"planted": 0, "caught": 0, "kinds": {k: [0, 0] for k in KINDS}, "match": 0,
                   "fa": 0, "pre": 0, "clean_n": 0, "clean_f": 0}
    for s in args.sets:
        gold = json.loads((s / "gold.json").read_text(encoding="utf-8"))
        got = {c: res[s / f"{c}.jsonl"] for c in gold}
        r = score(sc, gold, got, orig, args.verbose, s.name)
        print(_row(s.name, r))
        for key in ("planted", "caught", "match", "fa", "pre", "clean_n", "clean_f"):
            total[key] += r[key]
        for k in KINDS:
            total["kinds"][k][0] += r["kinds"][k][0]
            total["kinds"][k][1] += r["kinds"][k][1]
    if args.sets:
        print(_row("pooled", total))
    n_orig = sum(len(v) for v in orig.values())
    by_kind = Counter(f["kind"] for v in orig.values() for f in v)
    print(f"unmodified clusters: {n_orig} findings over {len(orig)} "
          f"({n_orig / max(1, len(orig)):.2f} per cluster) {dict(by_kind)}")
    if args.verbose:
        for c, fs in sorted(orig.items()):
            for f in fs:
                print(f"  [orig] {c} {f['article']} {f['kind']}: {f['found'][:70]!r} expected "
                      f"{f['expected'][:50]!r}")
    if args.json:
        args.json.write_text(json.dumps({str(p): fs for p, fs in res.items()}, indent=1))
    print(f"{len(paths)} clusters in {secs:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
