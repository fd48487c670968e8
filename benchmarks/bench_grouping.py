"""Story grouping on ECB+ dev, in-process: all topics, odd / even topics (held-out check), orders,
and streamed in batches (incremental ``StoryGrouper.update``).

    .venv/bin/python benchmarks/bench_grouping.py [--shuffles 5] [--batches 10,50,200]
                                                  [--param threshold=0.2 ...]

Runs clean + NER (the annotations grouping needs) once, then ``group_articles`` on every subset
and prints B-cubed P/R/F1, pairwise F1 and story counts (the scorer of shared/eval/grouping_eval.py
when it is there). The end-to-end figure comes from the CLI:
``grouping_eval.py ecbplus/dev.jsonl ecbplus/dev.gold.json --peer tfidf``. Skips cleanly without
../shared/eval.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(EVAL))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shuffles", type=int, default=5, help="random input orders to score")
    ap.add_argument("--batches", default="10,50,200", help="batch sizes to stream dev in")
    ap.add_argument("--param", action="append", default=[], help="StoryGrouper parameter k=v")
    args = ap.parse_args()
    dev = EVAL / "ecbplus" / "dev.jsonl"
    if not dev.exists():
        print(f"skipped: {dev} not found")
        return 0
    from grouping_eval import score

    from storyline.clean import clean_articles
    from storyline.group import StoryGrouper, group_articles
    from storyline.model import Article
    from storyline.store import annotate_entities

    params = {k: float(v) if "." in v else int(v) for k, v in (p.split("=", 1) for p in args.param)}
    gold = json.loads((EVAL / "ecbplus" / "dev.gold.json").read_text())
    recs = [json.loads(line) for line in dev.open(encoding="utf-8") if line.strip()]
    arts = clean_articles([Article(id=r["id"], text=r["text"], title=r.get("title")) for r in recs])
    t0 = time.perf_counter()
    annotate_entities(arts)
    print(f"{len(arts)} articles, NER {time.perf_counter() - t0:.1f}s; params {params or 'defaults'}")

    def topic(a: Article) -> int:
        return int(a.id.split("_")[0][1:])

    def run(sub: list[Article]) -> tuple[dict, float]:
        t = time.perf_counter()
        groups = group_articles(sub, **params)
        dt = time.perf_counter() - t
        pred = {i: f"c{k}" for k, g in enumerate(groups) for i in g}
        return score(pred, {a.id: gold[a.id] for a in sub}), dt

    print(f"{'subset':14} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'pw-F1':>6} {'stories':>9} {'ms/art':>7}")
    result = {}
    subsets = {"all": arts, "odd topics": [a for a in arts if topic(a) % 2],
               "even topics": [a for a in arts if topic(a) % 2 == 0]}
    for name, sub in subsets.items():
        m, dt = run(sub)
        result[name] = m["b3_f1"]
        print(f"{name:14} {m['b3_p']:6.3f} {m['b3_r']:6.3f} {m['b3_f1']:6.3f} {m['pair_f1']:6.3f} "
              f"{m['stories']:4d}/{m['gold_stories']:<4d} {1000 * dt / len(sub):7.2f}")
    f1s = []
    for seed in range(args.shuffles):
        sub = list(arts)
        random.Random(seed).shuffle(sub)
        f1s.append(run(sub)[0]["b3_f1"])
    if f1s:
        mean = sum(f1s) / len(f1s)
        print(f"{len(f1s)} shuffled orders: B3-F1 mean {mean:.3f}, min {min(f1s):.3f}, max {max(f1s):.3f}")
        result["shuffled_mean"] = round(mean, 4)
    for size in (int(x) for x in args.batches.split(",") if x):
        row = []
        for seed in (None, 0, 1):
            sub = list(arts)
            if seed is not None:
                random.Random(seed).shuffle(sub)
            grouper, got = StoryGrouper(**params), {}
            for i in range(0, len(sub), size):
                got.update(grouper.update(sub[i:i + size]))
            pred = {aid: f"c{grouper.resolve(s)}" for aid, s in got.items()}
            row.append(score(pred, gold)["b3_f1"])
        print(f"batches of {size}: B3-F1 {' '.join(f'{f:.3f}' for f in row)} (input order, 2 shuffles)")
        result[f"batch_{size}_mean"] = round(sum(row) / len(row), 4)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
