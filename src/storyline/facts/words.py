"""Tiny word normalisers (the pipeline runs without a lemmatizer): plural → singular, verb stem."""

from __future__ import annotations

_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child",
              "police": "police", "news": "news", "series": "series", "species": "species",
              "feet": "foot", "teeth": "tooth", "mice": "mouse", "data": "data", "media": "media",
              "staff": "staff", "troops": "troop", "us": "us", "gas": "gas", "bus": "bus",
              "crisis": "crisis", "analysis": "analysis", "status": "status", "chassis": "chassis"}
_VERBS = {"met": "meet", "held": "hold", "began": "begin", "begun": "begin", "won": "win",
          "lost": "lose", "took": "take", "taken": "take", "made": "make", "left": "leave",
          "fell": "fall", "rose": "rise", "risen": "rise", "struck": "strike", "sent": "send",
          "came": "come", "went": "go", "gone": "go", "hit": "hit", "shot": "shoot",
          "killed": "kill", "died": "die", "built": "build", "paid": "pay", "sold": "sell",
          "bought": "buy", "found": "find", "gave": "give", "given": "give", "flew": "fly",
          "ran": "run", "signed": "sign", "spent": "spend", "set": "set", "led": "lead"}


def singular(word: str) -> str:
    """A crude singular for unit nouns ("troops" → "troop", "casualties" → "casualty")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def content_stem(word: str) -> str:
    """A crude verb stem so "met"/"meets"/"meeting" and "opened"/"opens" share one key."""
    w = word.lower()
    if w in _VERBS:
        return _VERBS[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: len(w) - len(suffix)] + repl
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]  # "planned" → "plan"
            return stem
    return w


def match_stem(word: str) -> str:
    """:func:`content_stem` without a final "e", so every form of a verb meets: "lose", "loses",
    "lost" and "losing" → "los"; "increase", "increasing" → "increas". For comparing words,
    never for display."""
    stem = content_stem(word)
    return stem[:-1] if len(stem) > 3 and stem.endswith("e") else stem
