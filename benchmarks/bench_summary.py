"""Summary benchmark and development loop: cached annotated DUC clusters, ROUGE like summary_eval.py.

    python benchmarks/bench_summary.py cache                # parse every cluster once (slow, spaCy)
    python benchmarks/bench_summary.py score --words 100    # summarise cached clusters and score
    python benchmarks/bench_summary.py score --split odd    # held-out half (tune on even)

Articles are cleaned, annotated and duplicate-marked by the current pipeline and pickled with
their spaCy Docs by ``summary_dev.py`` (which also tunes/holds out halves and overrides
constants), so scoring iterations skip spaCy. Scoring
mirrors ``shared/eval/summary_eval.py``: summary cut to W words, rouge-score R1/R2 recall with
stemming, mean over references, then over clusters. Skips cleanly without ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from summary_dev import build_cache, load_cached

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DUC = EVAL / "duc2006"
CACHE = Path("/tmp/storyline_summary_cache")  # LexRank results; articles: summary_dev's cache


def clusters() -> list[str]:
    return sorted(p.name[:-6] for p in DUC.glob("*.jsonl"))


def score_all(names: list[str], words: int, verbose: bool) -> dict[str, float]:
    sys.path.insert(0, str(EVAL))
    import summary_eval as se  # type: ignore[import-not-found]

    from storyline import summarize

    r1 = r2 = secs = cpu = 0.0
    faithful = total = over = 0
    for name in names:
        arts = load_cached(name)
        refs = json.loads((DUC / f"{name}.refs.json").read_text())
        raw = {a["id"]: se.normalise(a["text"]) for a in se.load_articles(str(DUC / f"{name}.jsonl"))}
        t0, c0 = time.perf_counter(), time.process_time()
        summ = summarize.summarize(arts, max_words=words)
        secs += time.perf_counter() - t0
        cpu += time.process_time() - c0
        text = " ".join(s.text for s in summ)
        over += len(text.split()) > words
        sc = se.score(text, refs, words)
        r1 += sc["r1_recall"]
        r2 += sc["r2_recall"]
        for s in summ:
            total += 1
            faithful += any(se.normalise(s.text) in raw.get(i, "") for i in s.sources)
        if verbose:
            print(f"{name} {sc['r1_recall']:6.2f} {sc['r2_recall']:6.2f} {len(text.split()):4d}w")
    n = max(len(names), 1)
    return {"clusters": len(names), "r1": round(r1 / n, 2), "r2": round(r2 / n, 2),
            "faithful": f"{faithful}/{total}", "over": over, "ms_per_cluster": round(1000 * secs / n, 1),
            "cpu_ms_per_cluster": round(1000 * cpu / n, 1)}


def lexrank_scores(names: list[str], words: int) -> dict[str, float]:
    """sumy LexRank on the same clusters, as summary_eval.py runs it (cached per cluster)."""
    sys.path.insert(0, str(EVAL))
    import summary_eval as se  # type: ignore[import-not-found]

    CACHE.mkdir(exist_ok=True)
    store = CACHE / f"lexrank_{words}.json"
    known = json.loads(store.read_text()) if store.exists() else {}
    for name in names:
        if name not in known:
            arts = se.load_articles(str(DUC / f"{name}.jsonl"))
            refs = json.loads((DUC / f"{name}.refs.json").read_text())
            t0 = time.perf_counter()
            text = se.lexrank_summary(arts, words)
            sc = se.score(text, refs, words)
            known[name] = [sc["r1_recall"], sc["r2_recall"], time.perf_counter() - t0]
            store.write_text(json.dumps(known))
    n = max(len(names), 1)
    return {"lexrank_r1": round(sum(known[x][0] for x in names) / n, 2),
            "lexrank_r2": round(sum(known[x][1] for x in names) / n, 2),
            "lexrank_s": round(sum(known[x][2] for x in names) / n, 3)}


def main() -> int:
    if not DUC.is_dir():
        print("bench_summary: no ../shared/eval/duc2006, nothing to do")
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["cache", "score", "lexrank"])
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--split", choices=["all", "even", "odd"], default="all")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    names = clusters()
    if args.split != "all":
        names = names[(args.split == "odd")::2]
    if args.cmd == "cache":
        build_cache(names)
    elif args.cmd == "lexrank":
        print(json.dumps(lexrank_scores(names, args.words)))
    else:
        print(json.dumps(score_all(names, args.words, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
