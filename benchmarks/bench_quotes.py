"""Per-article cost of the quote, fact and timeline stages (the spaCy parse is timed apart).

    .venv/bin/python benchmarks/bench_quotes.py [--articles 200] [--quotes]

Reads the first ``--articles`` DUC 2006 articles from ``../shared/eval/duc2006`` (in topic order,
each topic one story), parses them once with :func:`storyline.nlp.annotate`, then times
``extract_quotes``, ``extract_facts`` and ``build_timeline`` per story and reports ms/article for
each. With ``--quotes`` it also scores quote attribution in-process on
``../shared/eval/quotes/dev.jsonl`` with the scorer of ``quote_eval.py`` (no entity stage, so it
shows what the quote stage does on its own), split into the first two thirds and the held-out
last third. Skips cleanly when shared/eval is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT / "src"))

from storyline import nlp  # noqa: E402
from storyline.facts import extract_facts  # noqa: E402
from storyline.model import Article  # noqa: E402
from storyline.quotes import extract_quotes  # noqa: E402
from storyline.timeline import build_timeline  # noqa: E402


def _article(rec: dict[str, Any]) -> Article:
    return Article(id=rec["id"], text=rec["text"], title=rec.get("title"),
                   published=(rec.get("published") or "")[:10] or None)


def duc_stories(limit: int) -> list[list[Article]]:
    stories: list[list[Article]] = []
    left = limit
    for path in sorted((EVAL / "duc2006").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            story = [_article(json.loads(line)) for line in fh if line.strip()][:left]
        stories.append(story)
        left -= len(story)
        if left <= 0:
            break
    return stories


def timed(stories: list[list[Article]], stage: Any) -> float:
    start = time.perf_counter()
    for story in stories:
        stage(story)
    return time.perf_counter() - start


def bench_stages(n: int) -> dict[str, float]:
    stories = duc_stories(n)
    articles = [a for s in stories for a in s]
    start = time.perf_counter()
    nlp.annotate(articles)
    parse = time.perf_counter() - start
    out = {"articles": len(articles), "parse": parse}
    out["quotes"] = timed(stories, lambda s: extract_quotes(s, []))
    out["facts"] = timed(stories, lambda s: extract_facts(s, []))
    out["timeline"] = timed(stories, build_timeline)
    return out


def quote_scores() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("quote_eval", EVAL / "quote_eval.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    with (EVAL / "quotes" / "dev.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    gold = json.loads((EVAL / "quotes" / "dev.gold.json").read_text(encoding="utf-8"))["articles"]
    articles = [_article(r) for r in records]
    nlp.annotate(articles)
    cut = len(articles) * 2 // 3
    out = {}
    for name, part in (("tune", articles[:cut]), ("held-out", articles[cut:])):
        preds: dict[str, list[dict[str, str]]] = {}
        for q in extract_quotes(part, []):
            if q.direct:
                preds.setdefault(q.article, []).append({"text": q.text, "speaker": q.speaker or ""})
        metrics, _ = scorer.score(preds, gold, [a.id for a in part])
        out[name] = {k: metrics[k] for k in ("quote_f1", "attribution_acc", "e2e_f1")}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--quotes", action="store_true", help="also score quotes on the dev set")
    args = ap.parse_args()
    if not (EVAL / "duc2006").is_dir():
        print(f"skipped: {EVAL / 'duc2006'} not found")
        return 0
    result: dict[str, Any] = bench_stages(args.articles)
    n = result["articles"]
    print(f"{n} DUC 2006 articles; parse {result['parse'] * 1000 / n:.1f} ms/article")
    for stage in ("quotes", "facts", "timeline"):
        print(f"  {stage:<9} {result[stage] * 1000 / n:6.2f} ms/article")
    if args.quotes and (EVAL / "quotes").is_dir():
        result["quote_eval"] = quote_scores()
        for name, m in result["quote_eval"].items():
            print(f"  quotes {name:<8} F1 {m['quote_f1']:.3f}  attribution {m['attribution_acc']:.3f}"
                  f"  end-to-end F1 {m['e2e_f1']:.3f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
