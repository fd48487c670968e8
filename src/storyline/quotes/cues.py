"""Speech cues: the verbs (and "according to") that introduce what someone said.

The spaCy pipeline runs without a lemmatizer, so verbs are recognised by their inflected forms,
generated once from the base forms below.
"""

from __future__ import annotations

# verbs that introduce direct quotes; the REPORTING subset also introduces reported speech
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"),
    "testify": ("testifies", "testified", "testifying"),
    "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "retort": ("retorts", "retorted", "retorting"),
    "go on": (),
}
_REPORTING = [
    "say", "tell", "add", "explain", "note", "write", "declare", "insist", "argue", "state",
    "recall", "warn", "tweet", "reply", "respond", "remark", "acknowledge", "admit", "claim",
    "suggest", "predict", "emphasize", "emphasise", "stress", "conclude", "announce", "contend",
    "assert", "observe", "comment", "concede", "boast", "complain", "vow", "promise", "pledge",
    "mention", "reiterate", "confirm", "deny", "report", "testify", "recount", "charge",
    "counter", "allege", "maintain", "estimate", "disclose", "reveal", "indicate",
]
_DIRECT_ONLY = [
    "ask", "joke", "quip", "shout", "yell", "continue", "retort", "interject", "whisper",
    "exclaim", "scoff", "muse", "wonder", "demand", "plead", "sigh", "laugh", "begin",
]


def _forms(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("e"):
        return base, base + "s", base + "d", base[:-1] + "ing"
    if base.endswith(("sh", "ss", "ch", "x")):
        return base, base + "es", base + "ed", base + "ing"
    return base, base + "s", base + "ed", base + "ing"


REPORTING_FORMS: frozenset[str] = frozenset(f for b in _REPORTING for f in _forms(b))
SPEECH_FORMS: frozenset[str] = REPORTING_FORMS | frozenset(
    f for b in _DIRECT_ONLY for f in _forms(b)
)
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# words that make a subject a group or outlet rather than one person; still a valid speaker
ACCORDING = "according"
