"""Precision / recall of duplicate detection on copies made from ECB+ dev articles.

    .venv/bin/python benchmarks/bench_dedup.py [--n 200] [--seed 0] [--spin 0.3]

From ``n`` dev articles (originals) it makes: an exact copy (whitespace and case changed), a light
edit (a few words changed, a boilerplate line added), and a spun rewrite (``--spin`` of the content
words replaced by random words of the corpus vocabulary or a small synonym map, order kept). The
other dev articles, many of which report the same event as an original, are negatives: they must not
be flagged. Prints precision / recall per kind and the time per article. Reads ../shared/eval when it
exists and exits cleanly when it does not.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.dedup import _stop_words, mark_duplicates, normalise  # noqa: E402
from storyline.model import Article  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "ecbplus" / "dev.jsonl"
SYNONYMS = {"said": "stated", "killed": "slain", "police": "officers", "people": "persons",
            "attack": "assault", "reported": "announced", "found": "discovered", "home": "house",
            "city": "town", "officials": "authorities", "told": "informed", "died": "perished"}
BOILERPLATE = "Click here to subscribe to our newsletter for the latest updates."


def light_edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(3):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["the", "a", "new", "local", "recent"])
    return " ".join(words) + "\n\n" + BOILERPLATE


def spin(text: str, rng: random.Random, share: float, vocab: list[str]) -> str:
    stop = _stop_words()
    out = []
    for tok in text.split(" "):
        core = tok.strip(".,;:!?\"'()")
        if core.islower() and core.isalpha() and core not in stop and rng.random() < share:
            new = SYNONYMS.get(core) or rng.choice(vocab)
            tok = tok.replace(core, new, 1)
        out.append(tok)
    return " ".join(out)


def shingle_jaccard(a: str, b: str) -> float:
    def sh(t: str) -> set[str]:
        w = normalise(t).split()
        return {" ".join(w[i:i + 3]) for i in range(max(len(w) - 2, 1))}

    x, y = sh(a), sh(b)
    return len(x & y) / max(len(x | y), 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--spin", type=float, default=0.3)
    args = ap.parse_args()
    if not DEV.exists():
        print(f"skipped: {DEV} not found")
        return 0
    recs = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    rng = random.Random(args.seed)
    vocab = sorted({w for r in recs for w in r["text"].split() if w.isalpha() and w.islower()})
    arts = [Article(id=r["id"], text=r["text"].replace("\n", "\n\n"), title=r.get("title")) for r in recs]
    originals = rng.sample(arts, min(args.n, len(arts)))
    truth: dict[str, tuple[str, str]] = {}  # copy id -> (kind, original id)
    copies = []
    for o in originals:
        variants = {
            "duplicate-of": o.text.upper().replace("\n\n", "\n\n "),
            "near-duplicate-of": light_edit(o.text, rng),
            "spun-copy-of": spin(o.text, rng, args.spin, vocab),
        }
        for kind, text in variants.items():
            cid = f"{o.id}~{kind}"
            truth[cid] = (kind, o.id)
            copies.append(Article(id=cid, text=text, title=o.title))
    stream = arts + copies
    rng.shuffle(stream)
    # the original is the earliest-published: give originals an earlier date than their copies
    for a in stream:
        a.published = "2020-01-02" if "~" in a.id else "2020-01-01"
    t0 = time.perf_counter()
    mark_duplicates(stream)
    dt = time.perf_counter() - t0
    print(f"{len(stream)} articles ({len(arts)} dev, {len(copies)} made copies), "
          f"{1000 * dt / len(stream):.2f} ms/article")
    print(f"{'kind':20} {'P':>6} {'R':>6} {'right original':>15}")
    rows = {}
    by_id = {a.id: a for a in stream}
    for kind in ("duplicate-of", "near-duplicate-of", "spun-copy-of", "any"):
        pred = {a.id for a in stream for f in a.flags if kind == "any" or f.startswith(kind + ":")}
        gold = {c for c, (k, _) in truth.items() if kind in ("any", k)}
        tp = len(pred & gold)
        # the right original is the source article, or the original that source itself copies
        right = sum(1 for a in stream if a.id in gold
                    and a.copy_of == (by_id[truth[a.id][1]].copy_of or truth[a.id][1]))
        p = tp / len(pred) if pred else 1.0
        r = tp / len(gold) if gold else 1.0
        rows[kind] = {"precision": round(p, 4), "recall": round(r, 4), "original_ok": right / len(gold)}
        print(f"{kind:20} {p:6.3f} {r:6.3f} {right / len(gold):15.3f}")
    # dev-dev flags: ECB+ holds real republished wire copies, so show how close each pair truly is
    # (exact word 3-shingle Jaccard); a same-event report that is not a copy sits far below 0.5
    false = [(a, a.copy_of) for a in stream if a.flags and a.id not in truth]
    print(f"dev articles flagged against other dev articles: {len(false)}")
    for a, orig in false:
        print(f"   {a.flags[0]:36} true 3-shingle Jaccard {shingle_jaccard(a.text, by_id[orig].text):.2f}")
    print(json.dumps({"ms_per_article": round(1000 * dt / len(stream), 3), **rows,
                      "dev_flagged": len(false)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
