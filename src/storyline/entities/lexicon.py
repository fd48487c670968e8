"""Small closed word lists for names and roles (general English, no particular people or outlets)."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


HONORIFICS = frozenset(
    _words("mr mrs ms miss mme mlle dr sir dame lord lady prof rev fr herr monsieur madame")
)
SUFFIXES = frozenset(_words("jr sr ii iii iv"))

# Offices: positions a person holds; two different offices for one person contradict each other.
OFFICES = frozenset(_words("""president minister premier secretary chancellor governor gov mayor senator sen
    representative rep congressman congresswoman ambassador consul king queen prince princess
    emperor empress pope cardinal archbishop bishop general gen colonel col admiral adm
    lieutenant lt captain capt sergeant sgt major commander chairman chairwoman chairperson
    speaker judge justice attorney solicitor prosecutor commissioner sheriff spokesman
    spokeswoman spokesperson ceo treasurer secretary-general envoy marshal
    superintendent coach sultan sheikh emir ayatollah"""))
# Descriptors: they say what someone is, but several can be true at once.
DESCRIPTORS = frozenset(_words("""diplomat official officer lawmaker legislator politician activist candidate nominee
    adviser advisor aide analyst expert economist scientist researcher professor doctor
    lawyer counsel negotiator mediator executive founder owner head dean editor correspondent
    reporter journalist author writer manager president-elect chair clerk delegate monarch
    astronaut detective inspector rabbi imam cleric reverend priest pastor leader-elect
    strongman dictator warlord chief-of-staff member leader chief director"""))
ROLE_WORDS = OFFICES | DESCRIPTORS
# Words that turn one office into another ("vice president" is not "president").
RANK_MODIFIERS = frozenset(
    _words("vice deputy assistant under associate lieutenant prime")
)
# A member of a body and an office within it are one person's two true roles ("Senator" and
# "Senate Majority Leader"); the member word, then the words that name its body.
MEMBERSHIP = {
    "senator": frozenset(_words("senate senatorial")),
    "representative": frozenset(_words("house congress congressional")),
    "congressman": frozenset(_words("house congress congressional")),
    "congresswoman": frozenset(_words("house congress congressional")),
    "minister": frozenset(_words("cabinet government")),
    "judge": frozenset(_words("court")),
    "justice": frozenset(_words("court")),
}
# Portfolios: the part of an office's name that says which ministry ("Defense Minister"); never
# an affiliation, even where NER tags the word as an organisation.
PORTFOLIOS = frozenset(_words("""defense defence foreign home interior finance treasury justice
    health education labor labour trade commerce agriculture energy transport transportation
    housing environment culture economy economic industry science technology information
    communications war navy army welfare"""))
# "cabinet minister", "government minister": what kind of post, not which one
CLASS_QUALIFIERS = frozenset(_words("cabinet government junior"))
# Past or future holders: their role says nothing about the present office.
TEMPORAL = frozenset(_words(
    "former ex late then outgoing incoming designate elect retired one-time onetime erstwhile"))
ABBREVIATIONS = {
    "premier": "prime minister",
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "col": "colonel", "adm": "admiral", "lt": "lieutenant", "capt": "captain",
    "sgt": "sergeant", "rev": "reverend", "prof": "professor", "defence": "defense",
    "secretary-general": "secretary general", "spokeswoman": "spokesman",
    "spokesperson": "spokesman", "chairwoman": "chairman", "chairperson": "chairman",
    "justice": "judge",  # a High Court justice is a judge ("Chief Justice" stays its own rank)
    "congressman": "representative", "congresswoman": "representative",
}
# The few affiliation spellings that share no prefix with their country ("American" / "U.S.").
AFFILIATION_ALIASES = {
    "us": "america", "u.s": "america", "u.s.": "america", "usa": "america",
    "united states": "america", "american": "america", "america": "america",
    "uk": "britain", "u.k": "britain", "u.k.": "britain", "united kingdom": "britain",
    "british": "britain", "britain": "britain", "great britain": "britain", "english": "england",
    "dutch": "netherlands", "the netherlands": "netherlands", "swiss": "switzerland",
    "french": "france", "german": "germany", "chinese": "china", "greek": "greece",
    "danish": "denmark", "swedish": "sweden", "spanish": "spain", "turkish": "turkey",
    "polish": "poland", "israeli": "israel", "irish": "ireland", "finnish": "finland",
}
