"""Line-level debris signals: what a paragraph of scraped text looks like.

Every rule here looks at one paragraph on its own (position and cross-article repetition are
judged in ``__init__``). The rules combine a small generic lexicon of web-page furniture (comment
prompts, share buttons, teasers, credits) with the shape of the line: length, final punctuation,
share of capitalised words, digits only, glued tokens. Real body sentences are long, end with
punctuation and rarely start with an interface word, so every rule is anchored to the start of
the line or limited to short lines.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A word list written as one readable string."""
    return frozenset(text.split())


# --- shape --------------------------------------------------------------------------------------

_CLOSERS = "'\"”’»)]"


def ends_sentence(p: str, marks: str = ".!?…") -> bool:
    """Whether ``p`` ends like a sentence: . ! ? … possibly closed by quotes or brackets."""
    tail = p[-8:].rstrip(_CLOSERS + " ")
    return bool(tail) and tail[-1] in marks


# List items and table rows: structured content, never stray lines.
ITEM = re.compile(r"^(?:[-*•·▪|>]|\d{1,3}[.)]\s)")
# Stripped from both ends before matching interface phrases ("[ Read All Comments ]", "Must Read:-").
EDGE_PUNCT = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + " “”‘’«»…–—·•|›‹►▶→©"
# Function words left lower case in Title Case headlines.
_SMALL_WORDS = _words(
    "a an the of in on at to for and or but with from by as is are was were be has have had "
    "that this it its his her their our not no"
)


def is_body(p: str, nw: int) -> bool:
    """A paragraph of running text: at least four words ending like a sentence."""
    return nw >= 4 and ends_sentence(p)


def cap_share(words: list[str]) -> float:
    """Share of capitalised content words: near 1 for Title Case lines, low for sentences."""
    alpha = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if not alpha:
        return 0.0
    return sum(1 for w in alpha if w[0].isupper()) / len(alpha)


def has_letters(p: str) -> bool:
    return any(c.isalpha() for c in p)


# --- the lexicon, as anchored patterns -----------------------------------------------------------

_I = re.IGNORECASE

# Comment-section headers and prompts: the comments follow them.
COMMENT_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|reader\s+comments)(?:\s+\d+)?$"
    r"|^(?:top\s+rated|all|latest|newest|show|view|load|hide|read|see|open)(?:\s+(?:all|more|new))?"
    r"\s+comments?(?:\s+\d+)?$"
    r"|^(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:reply|comment|response)"
    r"|^loading\s+comments|^comments\s+are\s+closed|^click\s+to\s+comment$"
    r"|^(?:join|start)\s+the\s+(?:discussion|conversation|debate)$"
    r"|^want\s+to\s+join\s+the\s+discussion$|^be\s+the\s+first\s+to\s+comment$"
    r"|^tell\s+us\s+what\s+you\s+think$|^have\s+your\s+say$",
    _I,
)

# Headers of teaser lists ("Related Articles", "You may also like"): headlines follow them.
TEASER_HEAD = re.compile(
    r"^(?:see\s+also|related|recommended|more|trending|popular)$"
    r"|^(?:related|similar|recommended|popular|latest|trending|top|more|other)"
    r"\s+(?:articles?|posts?|stories|news|content|reads?|videos?|topics?|links?|coverage"
    r"|reading|for\s+you|now|on\s+[\w.]+(?:\s+\w+)?|from\s+[\w.]+(?:\s+\w+){0,2})$"
    r"|^you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)$"
    r"|^most\s+(?:popular|read|viewed|shared|commented|recent)(?:\s+\w+)?$"
    r"|^(?:editor['’]?s?['’]?\s+)?picks?$|^(?:don['’]?t|do\s+not)\s+miss$"
    r"|^(?:must|also)\s+read$|^read\s+(?:more|also|next|this)$",
    _I,
)

# The comment form: prompts that may run to a sentence or two.
COMMENT_FORM = re.compile(
    r"^(?:please\s+enter\s+(?:your|a\s+valid)|your\s+email\s+address\s+will\s+not\s+be\s+published"
    r"|required\s+fields\s+are\s+marked|save\s+my\s+name|notify\s+me\s+of"
    r"|you\s+have\s+entered\s+an\s+incorrect|you\s+must\s+be\s+logged\s+in|cancel\s+reply)\b",
    _I,
)

# Other interface lines, matched on the whole line (edge punctuation stripped).
UI_LINE = re.compile(
    r"^(?:(?:back\s+|go\s+|scroll\s+|return\s+)?to\s+(?:the\s+)?top(?:\s+(?:button|of\s+(?:the\s+)?page))?"
    r"|skip\s+to\s+(?:main\s+)?content|(?:next|previous|prev)\s+(?:article|post|story|page)"
    r"|(?:share|tweet|email|e-mail|print|pin|save|copy\s+link)(?:\s+(?:this|it))?"
    r"(?:\s+(?:article|story|post|page|link))?(?:\s+(?:on|via|with)\s+[\w ]{1,20})?"
    r"|(?:%?d\s+)?bloggers\s+like\s+this|like\s+this|like\s+loading|loading"
    r"|advertisement|advertising|sponsored(?:\s+content)?|ads?|promoted|paid\s+content"
    r"|subscribe(?:\s+now)?|sign\s+(?:up|in)(?:\s+now)?|log\s*(?:in|out)|register|newsletters?"
    r"|thanks?(?:\s+you)?\s+for\s+(?:signing\s+up|subscribing|reading|your\s+feedback)"
    r"|(?:there\s+was\s+an\s+)?error\s+processing\s+your\s+subscription"
    r"|keep\s+an\s+eye\s+on\s+your\s+inbox.*|already\s+a\s+subscriber.*"
    r"|menu|home|search|close|sorry|continue\s+reading|read\s+(?:the\s+)?full\s+(?:article|story)"
    r"|(?:follow|find|like|connect\s+with)\s+us(?:\s+on\s+.*)?"
    r"|(?:photo|image|picture|video)\s+gallery|photos|videos|gallery|watch|listen|print"
    r"|tags?|topics?|categor(?:y|ies)|filed\s+under.*|posted\s+in.*|tagged(?:\s+with)?.*)$",
    _I,
)

# A teaser: a label and a separator, then a headline ("Read more: ...", "VIDEO | ...").
TEASER = re.compile(
    r"^(?:see\s+also|related(?:\s+(?:articles?|posts?|stories|news|content|coverage|links?))?"
    r"|also\s+read|read\s+(?:more|also|next)|must\s+read|more|also(?:\s+on\s+[\w.]+)?"
    r"|recommended|don['’]?t\s+miss|watch|video|photos?|gallery|listen|trending|popular|live"
    r"|editor'?s\s+picks?|top\s+stories|sponsored|advertisement|see\s+more|click\s+here"
    r"|more\s+(?:from|on|in|about)\s+[\w.'’ ]{1,30}?)\s*[:|»›►▶→>\-–—]+",
    _I,
)
# Labels strong enough to mark a teaser even without a separator ("See also Foreign ...").
TEASER_BARE = re.compile(
    r"^(?:see\s+also|related|also\s+read|read\s+(?:more|also)|must\s+read"
    r"|also\s+on\s+[\w-]+\.[a-z]{2,})\s",
    _I,
)

# Image credits and captions ("Theme image © AB", "Photo: Reuters", "Source: Flickr").
CAPTION = re.compile(
    r"^(?:(?:theme|main|cover|header|featured|top|file|lead|hero|article|feature)\s+)?"
    r"(?:image|photo(?:graph)?|picture|pic|foto|illustration|graphic|video|credits?|sources?"
    r"|sursa|fuente|fonte|quelle|bron|kaynak)(?:\s+(?:credits?|source))?"
    r"\s*(?:[:©|/]|by\b|courtesy\b)",
    _I,
)
COPYRIGHT = re.compile(r"[©ⓒ]|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", _I)
# Marks of a notice even in a line that ends like a sentence ("© 2025 X. All rights reserved.").
NOTICE = re.compile(r"[©ⓒ]|\(c\)\s*\d{4}|\ball rights reserved\b", _I)

# Bylines and credits.
BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w'’.\-]*")  # "By Jane Doe", "BY JANE DOE"
CREDITS = re.compile(
    r"\(?(?:(?:reporting|writing|editing|additional\s+reporting|compiled|edited|translated)"
    r"\s+by\b"
    r"|(?:editor['’]?s['’]?|editorial)\s+note\s*:|note\s+to\s+(?:readers|editors)\s*:"
    r"|originally\s+published\b|this\s+(?:article|story|post)\s+(?:was\s+)?(?:originally|first)"
    r"\s+(?:published|appeared)\b)",
    _I,
)
CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))", _I)
# An author's note at the end ("Jane Doe writes for the Daily Planet.").
AUTHOR_BIO = re.compile(
    r"^\(?[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3}(?:\s+and\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3})?"
    r"\s+(?:writes?\s+(?:for|about)|reports?\s+for|covers?\s+[\w\s]{1,40}?\s+for"
    r"|is\s+an?\s+(?:[\w\-]+\s+){0,3}(?:columnist|correspondent|reporter|writer|editor|contributor))\b"
)

# Calls to action inside longer lines (anchored at the start).
CALL_TO_ACTION = re.compile(
    r"^(?:follow|like|find|connect\s+with|join)\s+(?:\S+\s+){0,6}?on\s+(?:twitter|facebook|instagram"
    r"|linkedin|youtube|tiktok|telegram|whatsapp|snapchat|threads|social\s+media|x\b)"
    r"|^(?:click|tap)\s+(?:here|on|the\s+link|below|to)\b"
    r"|^(?:subscribe|sign\s+up|register|download|join|follow|to\s+know|to\s+continue)\b"
    r"[^.!?]{0,120}?\b(?:newsletters?|inbox|subscriptions?|subscribe|app|updates|alerts"
    r"|notifications|podcast|free\s+trial|premium|channel)\b"
    r"|^(?:share|send|email)\s+(?:this|it)\b.{0,40}\bwith\s+a\s+friend"
    r"|^(?:have|got)\s+a\s+(?:news\s+)?tip\b"
    r"|^(?:like|enjoy|enjoyed|liked)\s+this\s+(?:story|article|post)\b"
    r"|^read\s+the\s+(?:rest|full\s+(?:story|article|report|text))(?:\s+(?:here|at|on)\b.*)?[.!]?$",
    _I,
)

# Vocabulary of calls to action; two of them addressed to the reader make a prompt.
CTA_TERMS = re.compile(
    r"\b(?:subscri(?:be|bed|ber|bers|ption|ptions)|newsletters?|inbox|sign(?:ing)?\s+up|log\s+in"
    r"|download|app|click(?:ing)?|free\s+trial|notifications|alerts|follow\s+us)\b",
    _I,
)
_READER = re.compile(r"\b(?:you|your|our|us)\b", _I)
CLICK_HERE = re.compile(r"\bclick(?:ing)?\s+here\b", _I)
# Time stamps of the page ("Updated at 1:23 p.m.", "Posted 11/27/2005 7:21 AM").
STAMP = re.compile(r"^(?:updated|posted|published|last\s+updated|first\s+published|modified)\b", _I)

# Breadcrumbs and section menus: short capitalised segments between separators.
MENU_SEPARATOR = re.compile(r"\s*(?:›|»|>|/|\||•|·)\s*")

# Short lowercase category/tag lines ("ukraine crisis").
TAG_LINE = re.compile(r"^[a-z][a-z'’&\- ]*$")
# Tokens glued by a broken scraper ("jvhProof"): two lower-case letters, then a capitalised word.
GLUED = re.compile(r"\b[a-z]{2,}[A-Z][a-z]")
# A headline teaser closed by a bracketed label ("... [VIDEO]").
BRACKET_TAG = re.compile(r"\[[A-Z]{3,}\]\s*\|?$")
URL_LINE = re.compile(r"^(?:[^:]{0,60}:\s*)?(?:https?://|www\.)\S+$", _I)


def debris_reason(p: str, nw: int) -> str | None:
    """Why paragraph ``p`` (with ``nw`` words) is web debris wherever it sits, or None."""
    if not has_letters(p):
        return "no-letters"
    if nw > 50:
        return None  # running text; the rules below are for short lines
    core = p.strip(EDGE_PUNCT)
    body = is_body(p, nw)
    if nw <= 12 and (COMMENT_HEAD.match(core) or TEASER_HEAD.match(core) or UI_LINE.match(core)):
        return "interface"
    if nw <= 30 and COMMENT_FORM.match(core):
        return "interface"
    if CREDITS.match(p) or (nw <= 40 and "contributed" in p and CONTRIBUTED.search(p)):
        return "credit"
    if CALL_TO_ACTION.match(core) or (nw <= 40 and _calls_to_action(p)):
        return "interface"
    if nw <= 10 and STAMP.match(core) and any(c.isdigit() for c in p):
        return "date"
    if not body or nw <= 25:
        teaser = p.lstrip("[( ")
        if TEASER.match(teaser) or (TEASER_BARE.match(teaser) and not body):
            return "teaser"
        if nw <= 15 and (
            (not body and (CAPTION.match(p) or COPYRIGHT.search(p))) or NOTICE.search(p)
        ):
            return "caption"
    if not body:
        if nw <= 10 and BYLINE.match(p):
            return "byline"
        if nw <= 4 and TAG_LINE.match(p):
            return "tag"
        if nw <= 4 and GLUED.search(p):
            return "glued"
        if 3 <= nw <= 25 and BRACKET_TAG.search(p):
            return "teaser"
        if nw <= 12 and is_menu(p):
            return "menu"
    return None


_CTA_HINTS = (
    "subscri",
    "newsletter",
    "inbox",
    "sign",
    "log in",
    "download",
    "app",
    "click",
    "trial",
    "notifications",
    "alerts",
    "follow us",
)


def is_menu(p: str) -> bool:
    """ "Home › Business › Ports", "World / Diplomacy", "Bytewire | Security"."""
    if any(c.isdigit() for c in p):
        return False  # "Wheelbase/Overall length: 108.5" is data
    parts = MENU_SEPARATOR.split(p)
    return len(parts) >= 2 and all(
        part and len(part.split()) <= 4 and (part[0].isupper() or part[0].isdigit())
        for part in parts
    )


def _calls_to_action(p: str) -> bool:
    """A "click here" line, or two call-to-action terms addressed to the reader."""
    low = p.lower()
    if not any(hint in low for hint in _CTA_HINTS):  # cheap test first: most lines have none
        return False
    if CLICK_HERE.search(p):
        return True
    terms = {m.group().lower() for m in CTA_TERMS.finditer(p)}
    return len(terms) >= 2 and _READER.search(p) is not None


def is_stray(p: str, words: list[str]) -> bool:
    """A short line that is not a sentence: stray when it sits above or below the body."""
    nw = len(words)
    if nw <= 8 and URL_LINE.match(p):
        return True  # reference links under the story; in lists between items they stay
    if (ends_sentence(p) and not p.isupper()) or ITEM.match(p):
        return False  # "She was 85." is short but real; "FULL TEXT." is a label
    return nw <= 6 or (nw <= 14 and cap_share(words) >= 0.75)
