"""Time each per-story stage (entities, quotes, facts, consistency, quality, summary, timeline),
in milliseconds per article, over a stream of stories or over the DUC 2006 clusters.

    .venv/bin/python benchmarks/bench_stages.py [N]            # N stream articles (default 200)
    .venv/bin/python benchmarks/bench_stages.py --duc [K]      # the first K DUC clusters (0: all)

Articles are parsed once (not timed here: see ``bench_brief.py``); then every story is built
``--repeat`` times and the fastest run of each stage counts. Stream from
``../shared/eval/ecbplus/make_stream.py``; skips cleanly (exit 0) when ``../shared/eval`` is
absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=200)
    ap.add_argument("--duc", nargs="?", const=0, type=int, default=None, metavar="K",
                    help="the first K DUC 2006 clusters (0: all), one story each")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    if not EVAL.exists():
        print(f"skip: {EVAL} not found")
        return 0
    from storyline.pipeline import Options, build_story, group, load_articles, prepare

    options = Options(progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        if args.duc is not None:
            files = sorted((EVAL / "duc2006").glob("D*.jsonl"))[: args.duc or None]
            stories = []
            for f in files:
                arts, _ = load_articles([f])
                stories.append(prepare(arts, options))
        else:
            stream = Path(tmp) / "stream.jsonl"
            subprocess.run([sys.executable, str(EVAL / "ecbplus" / "make_stream.py"), str(args.n),
                            "-o", str(stream)], check=True, capture_output=True)
            arts, _ = load_articles([stream])
            stories = group(prepare(arts, options), options)
    n = sum(len(s) for s in stories)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        times: dict[str, float] = {}
        options.extra["stage_seconds"] = times
        t0 = time.perf_counter()
        for story in stories:
            build_story(story, options)
        times["all per-story stages"] = time.perf_counter() - t0
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    print(f"{n} articles in {len(stories)} stories (largest {max(map(len, stories))})")
    for stage, secs in best.items():
        print(f"  {stage:22} {1000 * secs / n:7.2f} ms/article  {secs:7.2f} s")
    print(json.dumps({"articles": n, "stories": len(stories),
                      "ms_per_article": {k: round(1000 * v / n, 2) for k, v in best.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
