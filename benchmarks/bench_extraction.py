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


def ingest_only(pages: Path) -> None:
    sys.path.insert(0, str(EVAL))
    import extraction_eval as ev  # the benchmark's own metric
    import trafilatura

    from storyline.ingest import read_paths
    from storyline.model import Article

    gold = json.loads((pages / "gold.json").read_text(encoding="utf-8"))
    files = [pages / f"{k}.html" for k in sorted(gold)]
    t0 = time.perf_counter()
    ours = {}
    for f in files:  # one path at a time so ids are file names, as the CLI gives them
        for rec in read_paths([f]):
            if isinstance(rec, Article):
                ours[rec.id[:-5]] = rec.text
    t_ours = time.perf_counter() - t0
    htmls = {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in files}
    t0 = time.perf_counter()
    peer = {k: trafilatura.extract(h) or "" for k, h in htmls.items()}
    t_peer = time.perf_counter() - t0
    for name, preds, secs in (("storyline ingest", ours, t_ours), ("trafilatura", peer, t_peer)):
        m, _ = ev.score(gold, preds, n_bootstrap=0)
        print(f"{name:18s} F1 {m['f1']:.4f}  P {m['precision']:.4f}  R {m['recall']:.4f}  "
              f"{len(files) / secs:6.1f} pages/s")
    print(f"speed ratio ingest/trafilatura: {t_peer / t_ours:.2f}")


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
            ingest_only(pages)
            return 0
        cmd = [sys.executable, str(EVAL / "extraction_eval.py"), str(pages), "--peer", "trafilatura",
               "--storyline", str(ROOT / ".venv" / "bin" / "storyline")]
        if args.warc and (PAGES / "dev.warc.gz").is_file():
            cmd += ["--warc", str(PAGES / "dev.warc.gz")]
        return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
