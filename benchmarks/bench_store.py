"""Throughput and memory of ``storyline add`` on synthetic streams (1k, 10k, ... articles).

    .venv/bin/python benchmarks/bench_store.py 1000 10000 [--batch-size 500] [--keep DIR]

For each N: writes a stream with shared/eval/ecbplus/make_stream.py, runs
``storyline add STREAM --store FRESH.sqlite -q`` under ``/usr/bin/time -v`` (when present) and
prints wall seconds, articles per second, peak RSS and the store's size, then runs the same add a
second time (everything already stored: the idempotent path). Run the big sizes one at a time on a
shared machine. Skips cleanly without ../shared/eval.
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

ROOT = Path(__file__).resolve().parents[1]
MAKE_STREAM = ROOT.parent / "shared" / "eval" / "ecbplus" / "make_stream.py"
STORYLINE = ROOT / ".venv" / "bin" / "storyline"


def timed(cmd: list[str]) -> tuple[float, int | None, float | None, str]:
    """Wall seconds, peak RSS in kB and CPU seconds (None without /usr/bin/time), stderr."""
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    t0 = time.perf_counter()
    proc = subprocess.run(timer + cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    cpu = [float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr)]
    return wall, int(m.group(1)) if m else None, sum(cpu) if cpu else None, proc.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", type=int, nargs="*", default=[1000])
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--keep", help="keep streams and stores in this directory")
    args = ap.parse_args()
    if not MAKE_STREAM.exists():
        print(f"skipped: {MAKE_STREAM} not found")
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    exe = str(STORYLINE) if STORYLINE.exists() else shutil.which("storyline") or "storyline"
    results = []
    try:
        # CPU seconds (user + system, all processes) matter on a shared machine: wall time there
        # measures the neighbours too
        print(f"{'N':>8} {'seconds':>8} {'art/s':>7} {'CPU s':>7} {'art/CPU-s':>9} "
              f"{'peak RSS MB':>12} {'store MB':>9} {'re-add s':>9} {'stories':>8}")
        for n in args.sizes:
            stream = work / f"stream-{n}.jsonl"
            if not stream.exists():
                subprocess.run([sys.executable, str(MAKE_STREAM), str(n), "-o", str(stream)], check=True)
            db = work / f"store-{n}.sqlite"
            for p in work.glob(f"store-{n}.sqlite*"):
                p.unlink()
            cmd = [exe, "add", str(stream), "--store", str(db), "-q", "--batch-size", str(args.batch_size)]
            wall, rss, cpu, err = timed(cmd)
            again, _, _, _ = timed(cmd)
            stories = subprocess.run([exe, "stories", "--store", str(db), "--format", "json"],
                                     capture_output=True, text=True, check=True).stdout
            size_mb = sum(p.stat().st_size for p in work.glob(f"store-{n}.sqlite*")) / 1e6
            row = {"n": n, "seconds": round(wall, 1), "articles_per_s": round(n / wall, 1),
                   "cpu_seconds": round(cpu, 1) if cpu else None,
                   "peak_rss_mb": round(rss / 1024, 1) if rss else None, "store_mb": round(size_mb, 1),
                   "readd_seconds": round(again, 1), "stories": len(json.loads(stories))}
            results.append(row)
            print(f"{n:8d} {wall:8.1f} {n / wall:7.1f} {cpu or float('nan'):7.1f} "
                  f"{n / cpu if cpu else float('nan'):9.1f} {row['peak_rss_mb'] or float('nan'):12.1f} "
                  f"{size_mb:9.1f} {again:9.1f} {row['stories']:8d}")
            print("   ", [ln for ln in err.splitlines() if ln.startswith("storyline:")][-1:])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
