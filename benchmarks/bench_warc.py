"""WARC throughput and memory: the shared dev WARC and copies of it k times as large.

    .venv/bin/python benchmarks/bench_warc.py [--times 1 10] [--add] [--keep DIR]

For each factor k it writes a WARC holding every record of ``shared/eval/extraction/dev.warc.gz``
k times (each copy under its own target URI and record id, so they are distinct records), then, in
a fresh process, streams it through ``storyline.ingest.read_paths`` (decode, extraction, cleaning
of metadata: what ingest costs) and reports articles/s and peak RSS of that process and of its
extraction workers. ``--add`` also times ``storyline add`` of the same WARC into a new store (NER,
dedup, grouping, SQLite): end to end. Flat memory means the peak RSS does not grow with k.
Reads ../shared/eval when it exists and exits cleanly (status 0) when it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_WARC = ROOT.parent / "shared" / "eval" / "extraction" / "dev.warc.gz"

MEASURE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, warc = sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
n = errors = 0
if mode == "ingest":
    from storyline.ingest import read_paths
    from storyline.model import Article
    for rec in read_paths([warc]):
        if isinstance(rec, Article):
            n += 1
        else:
            errors += 1
else:
    from storyline.pipeline import add_to_store
    report = add_to_store([warc], sys.argv[4])
    n = getattr(report, "articles", None) or getattr(report, "added", 0)
wall = time.perf_counter() - t0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"articles": n, "errors": errors, "seconds": round(wall, 2),
                  "peak_rss_mb": round(own, 1), "peak_worker_rss_mb": round(kids, 1)}))
"""


def build(k: int, out: Path) -> int:
    """Write ``k`` copies of every dev record to ``out``; returns the number of response records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    records = []
    with open(DEV_WARC, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                records.append((rec.rec_headers.get_header("WARC-Target-URI"),
                                rec.http_headers, rec.content_stream().read()))
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for copy in range(k):
            for uri, http_headers, body in records:
                target = uri if copy == 0 else f"{uri}{'&' if '?' in uri else '?'}copy={copy}"
                rec = writer.create_warc_record(
                    target, "response", payload=_stream(body), http_headers=http_headers,
                    warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>"})
                writer.write_record(rec)
    return len(records) * k


def _stream(body: bytes):
    import io

    return io.BytesIO(body)


def measure(mode: str, warc: Path, store: Path | None = None) -> dict:
    argv = [sys.executable, "-c", MEASURE, str(ROOT / "src"), mode, str(warc)]
    if store is not None:
        argv.append(str(store))
    p = subprocess.run(argv, capture_output=True, text=True, check=False)
    if p.returncode != 0:
        return {"error": p.stderr[-500:]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--times", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--add", action="store_true", help="also time `storyline add` end to end")
    ap.add_argument("--keep", type=Path, help="write the WARCs here instead of a temp dir")
    args = ap.parse_args()
    if not DEV_WARC.exists():
        print(f"skip: {DEV_WARC} not found (shared/eval is not beside the project)")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for k in args.times:
            warc = where / f"dev-x{k}.warc.gz"
            records = build(k, warc)
            row = {"times": k, "records": records, "mb": round(warc.stat().st_size / 2**20, 1),
                   "load": round(os.getloadavg()[0], 1)}
            ing = measure("ingest", warc)
            row["ingest"] = ing
            if "seconds" in ing:
                row["ingest"]["articles_per_s"] = round(ing["articles"] / ing["seconds"], 1)
            if args.add:
                t0 = time.perf_counter()
                add = measure("add", warc, where / f"store-x{k}.sqlite")
                add.setdefault("seconds", round(time.perf_counter() - t0, 2))
                if add.get("articles"):
                    add["articles_per_s"] = round(add["articles"] / add["seconds"], 1)
                row["add"] = add
            results.append(row)
            print(json.dumps(row), flush=True)
    print(json.dumps({"warc": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
