"""How summarize() time grows with the size of a story: 10, 25, 100 and 400 articles.

    python benchmarks/summary_scaling.py [--sizes 10 25 100 400] [--words 100]

Bigger stories are synthesised by concatenating DUC 2006 clusters (25 articles each) read from
``../shared/eval/duc2006``; articles are annotated once (cached with their spaCy Docs by
``summary_dev.py cache`` under /tmp) and only :func:`storyline.summarize.summarize` is timed (best
of 3 runs, wall and CPU time: CPU time is the steadier figure on a shared machine).
Skips cleanly when the evaluation data is not there.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time

from summary_dev import CACHE, DUC, build_cache, clusters, load_cached


def story_of(size: int, names: list[str]) -> list:
    """``size`` annotated articles taken cluster by cluster, ids made unique per cluster."""
    arts: list = []
    for name in names:
        if len(arts) >= size:
            break
        if not (CACHE / f"{name}.pkl").exists():
            build_cache([name])
        for a in load_cached(name):
            a = copy.copy(a)
            a.id = f"{name}/{a.id}"
            if a.copy_of:
                a.copy_of = f"{name}/{a.copy_of}"
            arts.append(a)
    return arts[:size]


def main() -> int:
    if not DUC.is_dir():
        print("summary_scaling: no ../shared/eval/duc2006, nothing to do")
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 100, 400])
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from storyline.summarize import summarize

    names = clusters()
    rows = []
    for size in args.sizes:
        arts = story_of(size, names)
        best = cpu = float("inf")
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            summary = summarize(arts, max_words=args.words)
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        row = {"articles": len(arts), "sentences": sum(len(a.sentences) for a in arts),
               "summary_sentences": len(summary), "seconds": round(best, 4), "cpu_seconds": round(cpu, 4)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
