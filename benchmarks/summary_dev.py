"""Summary development loop: DUC 2006 clusters parsed once, summarised and scored many times.

    python benchmarks/summary_dev.py cache                       # parse every cluster once (spaCy)
    python benchmarks/summary_dev.py score --words 100 250       # both halves and all, per budget
    python benchmarks/summary_dev.py score --set select.LENGTH_EXPONENT=0.5 --set POSITION_WEIGHT=2
    python benchmarks/summary_dev.py score --docs 10             # 10-article stories, DUC 2004-like
    python benchmarks/summary_dev.py grid --words 100 --split even \\
        --grid POSITION_WEIGHT=0,1,2 --grid select.LENGTH_EXPONENT=0.5,1

``cache`` runs the storyline pipeline (``load_articles`` + ``prepare``, as ``brief --one-story``
does) on each cluster and pickles the articles with their spaCy Doc as bytes under
/tmp/storyline_summary_dev/, so a scoring run restores exactly what the CLI hands to
:func:`storyline.summarize.summarize` without parsing again. Scoring mirrors
``shared/eval/summary_eval.py`` (its own ``score`` and ``normalise``): the joined summary cut to
W words, rouge-score R1/R2 recall with Porter stemming, mean over the references, then over
clusters; faithfulness as that script checks it. ``--set NAME=VALUE`` overrides a module constant
of ``storyline.summarize`` (``NAME`` or ``submodule.NAME``) for the run. Halves: even = clusters
0, 2, 4, ... in sorted order (tuning), odd = 1, 3, 5, ... (held out).
Skips cleanly without ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DUC = EVAL / "duc2006"
CACHE = Path("/tmp/storyline_summary_dev")
DOC_EXCLUDE = ["tensor", "user_data"]  # what a restored Doc does without (nothing reads them)


def clusters() -> list[str]:
    return sorted(p.name[:-6] for p in DUC.glob("*.jsonl"))


def halves(names: list[str]) -> dict[str, list[str]]:
    return {"even": names[0::2], "odd": names[1::2], "all": names}


def build_cache(names: list[str]) -> None:
    from storyline import pipeline

    CACHE.mkdir(exist_ok=True)
    opts = pipeline.Options(one_story=True)
    for name in names:
        out = CACHE / f"{name}.pkl"
        if out.exists():
            continue
        t0 = time.perf_counter()
        raw, _ = pipeline.load_articles([DUC / f"{name}.jsonl"])
        arts = pipeline.prepare(raw, opts)
        docs = []
        for a in arts:
            docs.append(a._doc.to_bytes(exclude=DOC_EXCLUDE) if a._doc is not None else None)
            a._doc = None
        out.write_bytes(pickle.dumps((arts, docs)))
        print(f"{name}: {len(arts)} articles, {time.perf_counter() - t0:.1f}s", flush=True)


def load_cached(name: str) -> list:
    """The prepared articles of one cluster, spaCy Docs restored."""
    from spacy.tokens import Doc

    from storyline import nlp

    arts, docs = pickle.loads((CACHE / f"{name}.pkl").read_bytes())
    vocab = nlp.load().vocab
    for a, b in zip(arts, docs, strict=True):
        a._doc = Doc(vocab).from_bytes(b, exclude=DOC_EXCLUDE) if b is not None else None
    return arts


def _subset(arts: list, docs: int, name: str) -> list:
    """``docs`` articles of a cluster (all when 0), drawn with a fixed seed, in file order.

    DUC 2004-like stories have 10 articles, DUC 2006 ones 25: scoring both sizes checks that a
    setting does not only fit 25-article stories.
    """
    if not docs or docs >= len(arts):
        return arts
    import random

    keep = sorted(random.Random(name).sample(range(len(arts)), docs))
    return [arts[i] for i in keep]


def _eval_module() -> Any:
    sys.path.insert(0, str(EVAL))
    import summary_eval  # type: ignore[import-not-found]

    return summary_eval


class Data:
    """Every cluster in memory: prepared articles, references, normalised input texts."""

    def __init__(self, names: list[str], docs: int = 0) -> None:
        se = _eval_module()
        self.names = names
        self.arts = {n: _subset(load_cached(n), docs, n) for n in names}
        self.refs = {n: json.loads((DUC / f"{n}.refs.json").read_text()) for n in names}
        self.raw = {n: {a["id"]: se.normalise(a["text"])
                        for a in se.load_articles(str(DUC / f"{n}.jsonl"))} for n in names}


def apply_settings(settings: dict[str, str]) -> None:
    for key, value in settings.items():
        mod_name, _, attr = key.rpartition(".")
        mod = importlib.import_module("storyline.summarize" + (f".{mod_name}" if mod_name else ""))
        if not hasattr(mod, attr):
            raise SystemExit(f"summary_dev: no constant {key}")
        old = getattr(mod, attr)
        setattr(mod, attr, type(old)(value) if not isinstance(old, bool) else value == "True")


def score(data: Data, names: list[str], words: int, verbose: bool = False) -> dict[str, Any]:
    se = _eval_module()
    from storyline import summarize

    r1 = r2 = cpu = 0.0
    faithful = total = over = 0
    per: dict[str, tuple[float, float]] = {}
    for name in names:
        arts = data.arts[name]
        c0 = time.process_time()
        summ = summarize.summarize(arts, max_words=words)
        cpu += time.process_time() - c0
        text = " ".join(s.text for s in summ)
        over += len(text.split()) > words
        sc = se.score(text, data.refs[name], words)
        r1 += sc["r1_recall"]
        r2 += sc["r2_recall"]
        per[name] = (sc["r1_recall"], sc["r2_recall"])
        raw = data.raw[name]
        for s in summ:
            total += 1
            faithful += any(se.normalise(s.text) in raw.get(i, "") for i in s.sources)
        if verbose:
            print(f"{name} {sc['r1_recall']:6.2f} {sc['r2_recall']:6.2f} {len(text.split()):4d}w "
                  f"{len(summ)}s")
    n = max(len(names), 1)
    return {"words": words, "clusters": len(names), "r1": round(r1 / n, 2), "r2": round(r2 / n, 2),
            "faithful": f"{faithful}/{total}", "over": over,
            "cpu_ms_per_cluster": round(1000 * cpu / n, 1)}


def main() -> int:
    if not DUC.is_dir():
        print("summary_dev: no ../shared/eval/duc2006, nothing to do")
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["cache", "score", "grid"])
    ap.add_argument("--words", type=int, nargs="+", default=[100])
    ap.add_argument("--split", choices=["all", "even", "odd", "halves"], default="halves")
    ap.add_argument("--set", action="append", default=[], help="NAME=VALUE")
    ap.add_argument("--grid", action="append", default=[], help="NAME=V1,V2,...")
    ap.add_argument("--docs", type=int, default=0, help="articles per cluster (0 = all)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    names = clusters()
    if args.cmd == "cache":
        build_cache(names)
        return 0
    apply_settings(dict(s.split("=", 1) for s in args.set))
    parts = halves(names)
    splits = ["even", "odd", "all"] if args.split == "halves" else [args.split]
    data = Data(sorted({n for s in splits for n in parts[s]}), args.docs)
    if args.cmd == "score":
        for w in args.words:
            for s in splits:
                print(json.dumps({"split": s, **score(data, parts[s], w, args.verbose)}), flush=True)
        return 0
    keys = [g.split("=", 1)[0] for g in args.grid]
    values = [g.split("=", 1)[1].split(",") for g in args.grid]
    for combo in itertools.product(*values):
        apply_settings(dict(zip(keys, combo, strict=True)))
        for w in args.words:
            for s in splits:
                res = score(data, parts[s], w)
                print(" ".join(f"{k}={v}" for k, v in zip(keys, combo, strict=True)),
                      f"| {s} {w}w R1 {res['r1']:5.2f} R2 {res['r2']:5.2f} {res['faithful']}"
                      f" {res['cpu_ms_per_cluster']}ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
