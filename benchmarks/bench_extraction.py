"""HTML extraction: Storyline vs trafilatura on the shared extraction pages.

    .venv/bin/python benchmarks/bench_extraction.py [--limit N] [--ingest-only] [--warc]

Default: runs ``shared/eval/extraction_eval.py`` (the whole ``storyline brief`` command, so clean and
NLP are included, and process start-up is in Storyline's wall time but not the peer's).
``--ingest-only`` scores ``storyline.ingest.read_paths`` in this process against
``trafilatura.extract`` in this process, same pages, same metric: the extraction step on its own,
which tells whether the per-page cost is ingest's or the later stages'. ``--limit N`` uses the first
N pages. Reads ../shared/eval when it exists and exits cleanly (status 0) when it does not.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EVAL = ROOT.parent / "shared" / "eval"
PAGES = EVAL / "extraction"


def subset(tmp: Path, limit: int | None) -> Path:
    """The pages directory, or a copy of its first ``limit`` pages with their gold."""
    if not limit:
        return PAGES
    gold = json.loads((PAGES / "gold.json").read_text(encoding="utf-8"))
    keep = sorted(gold)[:limit]
    out = tmp / "pages"
    out.mkdir()
    for k in keep:
        shutil.copyfile(PAGES / f"{k}.html", out / f"{k}.html")
    (out / "gold.json").write_text(json.dumps({k: gold[k] for k in keep}), encoding="utf-8")
    return out


def ingest_only(pages: Path, tmp: Path, rounds: int = 2) -> None:
    """read_paths over a directory of the pages (as the CLI reads them) vs trafilatura.extract,
    both in this process, both warmed up, alternated ``rounds`` times (the machine is shared)."""
    sys.path.insert(0, str(EVAL))
    import extraction_eval as ev  # the benchmark's own metric
    import trafilatura

    from storyline.ingest import Settings, read_paths
    from storyline.model import Article

    gold = json.loads((pages / "gold.json").read_text(encoding="utf-8"))
    stage = tmp / "stage"
    stage.mkdir()
    for k in sorted(gold):
        shutil.copyfile(pages / f"{k}.html", stage / f"{k}.html")
    files = sorted(stage.iterdir())
    settings = Settings.from_env()
    trafilatura.extract(files[0].read_text(encoding="utf-8"))  # imports and caches, for both
    list(read_paths([files[0]], settings))

    def ours() -> dict[str, str]:
        return {r.id[:-5]: r.text for r in read_paths([stage], settings) if isinstance(r, Article)}

    def peer() -> dict[str, str]:
        return {
            f.stem: trafilatura.extract(f.read_text(encoding="utf-8", errors="replace")) or ""
            for f in files
        }

    secs = {"storyline ingest": 0.0, "trafilatura": 0.0}
    preds: dict[str, dict[str, str]] = {}
    for _ in range(rounds):
        for name, fn in (("trafilatura", peer), ("storyline ingest", ours)):
            t0 = time.perf_counter()
            preds[name] = fn()
            secs[name] += time.perf_counter() - t0
    for name in secs:
        m, _ = ev.score(gold, preds[name], n_bootstrap=0)
        print(
            f"{name:18s} F1 {m['f1']:.4f}  P {m['precision']:.4f}  R {m['recall']:.4f}  "
            f"{rounds * len(files) / secs[name]:6.1f} pages/s"
        )
    print(
        f"speed ratio ingest/trafilatura: {secs['trafilatura'] / secs['storyline ingest']:.2f} "
        f"(ingest workers: {settings.workers})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--ingest-only", action="store_true")
    ap.add_argument("--warc", action="store_true", help="also time the WARC of the same pages")
    args = ap.parse_args()
    if not (PAGES / "gold.json").is_file():
        print(f"skip: {PAGES} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pages = subset(Path(tmp), args.limit)
        if args.ingest_only:
            ingest_only(pages, Path(tmp))
            return 0
        cmd = [
            sys.executable,
            str(EVAL / "extraction_eval.py"),
            str(pages),
            "--peer",
            "trafilatura",
            "--storyline",
            str(ROOT / ".venv" / "bin" / "storyline"),
        ]
        if args.warc and (PAGES / "dev.warc.gz").is_file():
            cmd += ["--warc", str(PAGES / "dev.warc.gz")]
        return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
