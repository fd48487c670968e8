"""Latency of the web API under concurrent clients on loopback (p50 / p99).

    .venv/bin/python benchmarks/bench_api.py [--articles 10000] [--store PATH] [--clients 20]
                                             [--gets 400] [--posts 200] [--stories 40]

Builds a store of ``--articles`` articles (a synthetic stream from
shared/eval/ecbplus/make_stream.py, added with ``storyline add``) unless ``--store`` names an
existing one, starts ``storyline.web`` under uvicorn in its own process on 127.0.0.1, then with
``--clients`` concurrent clients (threads, one keep-alive connection each) measures:

- GET /api/stories                the story list
- GET /api/stories/{id} cold      first request of a story: spaCy parse + every per-story stage
                                  (measured one at a time, on ``--stories`` stories)
- GET /api/stories/{id} warm      the same stories again, cached briefing JSON
- POST /api/articles              one new article per request (clean, NER, dedup, grouping,
                                  one SQLite transaction; writes are serialised)

Every request goes to 127.0.0.1 only; loops are bounded by the counts above. Skips cleanly when
shared/eval is absent and no --store is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MAKE_STREAM = ROOT.parent / "shared" / "eval" / "ecbplus" / "make_stream.py"
STORYLINE = ROOT / ".venv" / "bin" / "storyline"
TOKEN = "bench-token"
SERVER = """
import sys, uvicorn
from storyline.web import create_app
app = create_app(sys.argv[1], token=sys.argv[3])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            server_header=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(n: int, work: Path) -> tuple[Path, Path]:
    """A store of ``n`` stream articles, and a second stream of fresh articles to POST."""
    stream = work / f"stream-{n}.jsonl"
    subprocess.run([sys.executable, str(MAKE_STREAM), str(n + 1000), "-o", str(stream),
                    "--seed", "7"], check=True)
    lines = stream.read_text(encoding="utf-8").splitlines()
    (work / "store-input.jsonl").write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    fresh = work / "fresh.jsonl"
    fresh.write_text("\n".join(lines[n:]) + "\n", encoding="utf-8")
    store = work / "store.sqlite"
    t0 = time.perf_counter()
    subprocess.run([str(STORYLINE), "add", str(work / "store-input.jsonl"), "--store", str(store),
                    "-q"], check=True)
    print(f"built a store of {n} articles in {time.perf_counter() - t0:.0f} s")
    return store, fresh


def run(clients: int, jobs: list[Any], call: Any) -> tuple[np.ndarray, float, int]:
    """Run ``call(client, job)`` for every job on ``clients`` threads; latencies in ms."""
    lock = threading.Lock()
    queue = list(jobs)
    times: list[float] = []
    failures = 0

    def worker() -> None:
        nonlocal failures
        with httpx.Client(timeout=300) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    job = queue.pop()
                t0 = time.perf_counter()
                ok = call(client, job)
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    times.append(dt)
                    failures += not ok

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return np.array(times), time.perf_counter() - t0, failures


def line(name: str, ms: np.ndarray, wall: float, failures: int) -> dict[str, Any]:
    row = {"endpoint": name, "n": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 1),
           "p99_ms": round(float(np.percentile(ms, 99)), 1), "max_ms": round(float(ms.max()), 1),
           "req_per_s": round(len(ms) / wall, 1), "failures": failures}
    print(f"{name:34} {row['n']:>5} {row['p50_ms']:>9} {row['p99_ms']:>9} {row['max_ms']:>9} "
          f"{row['req_per_s']:>8} {failures:>5}")
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--store", help="use this existing store (needs --fresh for POSTs)")
    ap.add_argument("--fresh", help="JSONL of articles to POST (with --store)")
    ap.add_argument("--keep", help="build the store in this directory and keep it")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--gets", type=int, default=400, help="warm GETs of story briefings")
    ap.add_argument("--posts", type=int, default=200, help="POSTs of one new article each")
    ap.add_argument("--stories", type=int, default=40, help="stories briefed (cold, then warm)")
    args = ap.parse_args()
    if args.store:
        store, fresh = Path(args.store), Path(args.fresh) if args.fresh else None
    elif MAKE_STREAM.exists():
        work = Path(args.keep or tempfile.mkdtemp(prefix="bench-api-"))
        work.mkdir(parents=True, exist_ok=True)
        if (work / "store.sqlite").exists() and (work / "fresh.jsonl").exists():
            store, fresh = work / "store.sqlite", work / "fresh.jsonl"
        else:
            store, fresh = build_store(args.articles, work)
    else:
        print(f"skipped: {MAKE_STREAM} not found and no --store given")
        return 0

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(store), str(port), TOKEN],
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    rows = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/version", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        stories = httpx.get(base + "/api/stories", params={"limit": 10_000}, timeout=60).json()
        total = sum(s["articles"] for s in stories)
        print(f"store: {total} articles in {len(stories)} stories; {args.clients} clients")
        rng = random.Random(0)
        picked = [s["id"] for s in rng.sample(stories, min(args.stories, len(stories)))]
        sizes = {s["id"]: s["articles"] for s in stories}
        print(f"briefed stories: {len(picked)}, {np.mean([sizes[i] for i in picked]):.1f} "
              f"articles on average")
        print(f"{'endpoint':34} {'n':>5} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9} "
              f"{'req/s':>8} {'fail':>5}")

        def get(client: httpx.Client, path: str) -> bool:
            return client.get(base + path).status_code == 200

        rows.append(line("GET /api/stories", *run(args.clients, ["/api/stories"] * 100, get)))
        rows.append(line("GET /api/stories/{id} cold (1 client)",
                         *run(1, [f"/api/stories/{i}" for i in picked], get)))
        warm = [f"/api/stories/{rng.choice(picked)}" for _ in range(args.gets)]
        rows.append(line("GET /api/stories/{id} warm", *run(args.clients, warm, get)))
        if fresh is not None and args.posts:
            records = [json.loads(x) for x in fresh.read_text(encoding="utf-8").splitlines()
                       if x.strip()][:args.posts]
            for n, rec in enumerate(records):
                rec["id"] = f"bench-post-{time.time_ns()}-{n}"
            # warm-up outside the figures: the server's first write loads spaCy
            httpx.post(base + "/api/articles", json=records.pop(), timeout=300,
                       headers={"Authorization": f"Bearer {TOKEN}"}).raise_for_status()

            def post(client: httpx.Client, rec: dict[str, Any]) -> bool:
                r = client.post(base + "/api/articles", json=rec,
                                headers={"Authorization": f"Bearer {TOKEN}"})
                return r.status_code == 201

            rows.append(line("POST /api/articles (1 article)", *run(args.clients, records, post)))
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps({"articles": total, "stories": len(stories), "clients": args.clients,
                      "results": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
