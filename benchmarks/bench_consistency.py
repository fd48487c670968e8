"""Consistency findings on planted errors: recall, precision, false alarms per clean cluster.

    .venv/bin/python benchmarks/bench_consistency.py [--seed 11] [--clusters N] [--jobs 1]
                                                     [--keep DIR]

Plants one name / title / number / date error into most DUC 2006 clusters with
``shared/eval/plant_errors.py`` (``--seed``), then scores ``storyline brief --one-story`` findings
with ``shared/eval/consistency_eval.py --orig`` (findings also made on the unmodified cluster are
set aside). ``--clusters N`` uses only the first N clusters (quicker; planting still balances
kinds over those). Prints the evaluation's table and its final JSON line. Skips cleanly (exit 0)
when ``../shared/eval`` is absent.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DUC = EVAL / "duc2006"
STORYLINE = ROOT / ".venv" / "bin" / "storyline"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--clusters", type=int, default=0, help="only the first N clusters (0: all)")
    ap.add_argument("--jobs", type=int, default=1, help="storyline runs in parallel")
    ap.add_argument("--keep", help="write the planted clusters here and keep them")
    args = ap.parse_args(argv)
    if not (EVAL / "plant_errors.py").is_file() or not DUC.is_dir():
        print(f"bench_consistency: {EVAL} not found, skipping", file=sys.stderr)
        return 0
    python = sys.executable
    storyline = str(STORYLINE) if STORYLINE.exists() else f"{python} -m storyline.cli"
    with tempfile.TemporaryDirectory(prefix="storyline-consistency-") as tmp:
        src = DUC
        if args.clusters:
            src = Path(tmp) / "orig"
            src.mkdir()
            for path in sorted(DUC.glob("*.jsonl"))[: args.clusters]:
                shutil.copy(path, src / path.name)
        planted = Path(args.keep) if args.keep else Path(tmp) / "planted"
        subprocess.run([python, str(EVAL / "plant_errors.py"), str(src), str(planted),
                        "--seed", str(args.seed)], check=True)
        run = subprocess.run([python, str(EVAL / "consistency_eval.py"), str(planted),
                              "--orig", str(src), "--storyline", storyline,
                              "--jobs", str(args.jobs)])
        return run.returncode


if __name__ == "__main__":
    sys.exit(main())
