"""Dask against one process, same input, side by side, with the machine's load recorded.

    python benchmarks/bench_dask.py 5000                   # brief: dask, single, single-1-parser
    python benchmarks/bench_dask.py 20000 --modes dask,single1
    python benchmarks/bench_dask.py 5000 --add             # storyline add: single vs --dask

Modes (brief): ``single`` = ``storyline brief`` as shipped (this process parses beside one
forked child for big inputs); ``single1`` = the same with ``STORYLINE_NLP_PROCESSES=1`` (one
parser); ``dask`` = ``distributed.brief`` on ``LocalCluster(--workers)``, with its phase timings
and the peak RSS of each worker. With ``--add`` the modes are ``add`` and ``add-dask`` (a fresh
store each, then the two stores are compared row for row).

The stream comes from ``../shared/eval/ecbplus/make_stream.py`` (skips cleanly when absent).
Every run is a fresh process under ``/usr/bin/time -v``; the 1-minute load average before and
after each run is printed with it, because on a shared machine a timing means little without it.
The last line is one JSON object; the Dask run is checked against the first single run (same
articles, B-cubed agreement of the story partition, same summaries).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_brief import bcubed  # noqa: E402  (the partition agreement both benchmarks report)


def make_stream(n: int, out: Path) -> bool:
    script = SHARED / "ecbplus" / "make_stream.py"
    if not script.exists():
        print(f"skip: {script} not found")
        return False
    subprocess.run([sys.executable, str(script), str(n), "-o", str(out)], check=True,
                   capture_output=True)
    return True


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``cmd`` under /usr/bin/time -v: wall s, CPU s (user+sys, children included), peak RSS
    of the largest process, load before/after."""
    full = ["/usr/bin/time", "-v", *cmd] if Path("/usr/bin/time").exists() else cmd
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    p = subprocess.run(full, capture_output=True, text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 3):
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")

    def field(name: str) -> float:
        m = re.search(rf"{re.escape(name)}: ([\d.]+)", p.stderr)
        return float(m.group(1)) if m else float("nan")

    return {"wall_s": round(wall, 1),
            "cpu_s": round(field("User time (seconds)") + field("System time (seconds)"), 1),
            "peak_rss_mb": round(field("Maximum resident set size (kbytes)") / 1024),
            "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2)}


def child_dask_brief(stream: str, out: str, workers: int, stats_path: str) -> None:
    """In the timed child process: distributed.brief with phase stats."""
    from storyline import distributed
    from storyline.render import render

    stats: dict = {}
    briefing = distributed.brief([stream], "local", workers=workers, stats=stats)
    Path(out).write_text(render(briefing, "json"), encoding="utf-8")
    Path(stats_path).write_text(json.dumps(stats), encoding="utf-8")


def run_brief(mode: str, stream: Path, tmp: Path, workers: int) -> dict:
    out = tmp / f"{mode}.json"
    if mode == "dask":
        stats_path = tmp / "dask-stats.json"
        res = timed([sys.executable, __file__, "--child-dask", str(stream), str(out),
                     str(workers), str(stats_path)])
        res.update(json.loads(stats_path.read_text()))
    else:
        env = {"STORYLINE_NLP_PROCESSES": "1"} if mode == "single1" else None
        res = timed([str(BIN / "storyline"), "brief", str(stream), "--format", "json", "-q",
                     "-o", str(out)], env)
    res["out"] = str(out)
    return res


def run_add(mode: str, stream: Path, tmp: Path, workers: int) -> dict:
    db = tmp / f"{mode}.sqlite"
    cmd = [str(BIN / "storyline"), "add", str(stream), "--store", str(db), "-q"]
    if mode == "add-dask":
        cmd += ["--dask", "local", "--workers", str(workers)]
    res = timed(cmd)
    res["store"] = str(db)
    return res


def compare_briefs(a: str, b: str) -> dict:
    one, two = json.loads(Path(a).read_text()), json.loads(Path(b).read_text())
    return {"same_articles": one["articles"] == two["articles"],
            "bcubed_agreement": round(bcubed([s["articles"] for s in one["stories"]],
                                             [s["articles"] for s in two["stories"]]), 4),
            "same_summaries": [s["summary"] for s in one["stories"]]
            == [s["summary"] for s in two["stories"]]}


def compare_stores(a: str, b: str) -> dict:
    from storyline.store import Store

    with Store(a) as one, Store(b) as two:
        return {"same_store": one.dump() == two.dump(), "stories": two.story_count()}


def main() -> int:
    if sys.argv[1:2] == ["--child-dask"]:
        stream, out, workers, stats_path = sys.argv[2:6]
        child_dask_brief(stream, out, int(workers), stats_path)
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=2000, help="articles in the stream")
    ap.add_argument("--modes", help="comma-separated (default: dask,single,single1 or "
                    "add-dask,add with --add)")
    ap.add_argument("--add", action="store_true", help="benchmark `storyline add` instead")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="keep the stream and outputs in DIR")
    args = ap.parse_args()
    modes = (args.modes or ("add-dask,add" if args.add else "dask,single,single1")).split(",")
    result: dict = {"articles": args.n, "workers": args.workers, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(args.keep or tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        stream = tmp / "stream.jsonl"
        if not make_stream(args.n, stream):
            return 0
        for mode in modes:
            res = (run_add if args.add else run_brief)(mode, stream, tmp, args.workers)
            res["articles_per_s"] = round(args.n / res["wall_s"], 1)
            print(mode, json.dumps({k: v for k, v in res.items() if k not in ("out", "store")}),
                  flush=True)
            result[mode] = res
        done = [m for m in modes if m in result]
        base = next((m for m in done if not m.endswith("dask")), None)
        dask = next((m for m in done if m.endswith("dask")), None)
        if base and dask:
            result["speedup_vs_" + base] = round(result[base]["wall_s"] / result[dask]["wall_s"], 2)
            for other in done:
                if other not in (base, dask):
                    result["speedup_vs_" + other] = round(
                        result[other]["wall_s"] / result[dask]["wall_s"], 2)
            result.update(compare_stores(result[base]["store"], result[dask]["store"]) if args.add
                          else compare_briefs(result[base]["out"], result[dask]["out"]))
        for m in done:
            result[m].pop("out", None)
            result[m].pop("store", None)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
