"""Whole-run speed of ``storyline brief``: single process vs Dask, same input, side by side.

    python benchmarks/bench_brief.py 200            # single process only, 200 ECB+ stream articles
    python benchmarks/bench_brief.py 2000 --dask    # also --dask local --workers 2, and compare

Builds the stream with ``../shared/eval/ecbplus/make_stream.py`` (skips cleanly when that is
absent), runs the CLI under ``/usr/bin/time -v`` (wall seconds, peak RSS of the largest process)
and, with --dask, checks that both runs give the same articles, story partition (B-cubed
agreement) and summaries.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
STORYLINE = str(Path(sys.executable).with_name("storyline"))


def make_stream(n: int, out: Path) -> bool:
    script = SHARED / "ecbplus" / "make_stream.py"
    if not script.exists():
        print(f"skip: {script} not found")
        return False
    subprocess.run([sys.executable, str(script), str(n), "-o", str(out)], check=True,
                   capture_output=True)
    return True


def run(args: list[str], out: Path) -> tuple[float, float]:
    """Run the CLI; return (wall seconds, peak RSS MB)."""
    cmd = [STORYLINE, "brief", *args, "--format", "json", "-q", "-o", str(out)]
    timer = shutil.which("time") and Path("/usr/bin/time").exists()
    if timer:
        cmd = ["/usr/bin/time", "-v", *cmd]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 3):
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return wall, (int(m.group(1)) / 1024 if m else float("nan"))


def bcubed(a: list[list[str]], b: list[list[str]]) -> float:
    """B-cubed F1 of partition ``a`` against ``b``."""
    ca = {x: i for i, c in enumerate(a) for x in c}
    cb = {x: i for i, c in enumerate(b) for x in c}
    sa = {i: set(c) for i, c in enumerate(a)}
    sb = {i: set(c) for i, c in enumerate(b)}
    p = r = 0.0
    for x in ca:
        inter = len(sa[ca[x]] & sb[cb[x]])
        p += inter / len(sa[ca[x]])
        r += inter / len(sb[cb[x]])
    p, r = p / len(ca), r / len(ca)
    return 2 * p * r / (p + r)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=200, help="articles in the stream")
    ap.add_argument("--dask", action="store_true", help="also run --dask local --workers 2")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "stream.jsonl"
        if not make_stream(args.n, stream):
            return 0
        single_out, dask_out = Path(tmp) / "single.json", Path(tmp) / "dask.json"
        wall, rss = run([str(stream)], single_out)
        result = {"articles": args.n, "single_s": round(wall, 2),
                  "single_articles_per_s": round(args.n / wall, 1), "single_peak_rss_mb": round(rss)}
        if args.dask:
            dwall, drss = run([str(stream), "--dask", "local", "--workers", str(args.workers)],
                              dask_out)
            one, two = json.loads(single_out.read_text()), json.loads(dask_out.read_text())
            result.update({
                "dask_s": round(dwall, 2), "dask_articles_per_s": round(args.n / dwall, 1),
                "dask_driver_peak_rss_mb": round(drss), "speedup": round(wall / dwall, 2),
                "same_articles": one["articles"] == two["articles"],
                "bcubed_agreement": round(bcubed([s["articles"] for s in one["stories"]],
                                                 [s["articles"] for s in two["stories"]]), 4),
                "same_summaries": [s["summary"] for s in one["stories"]]
                == [s["summary"] for s in two["stories"]],
            })
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
