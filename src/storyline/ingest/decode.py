"""Bytes → text without ever crashing: BOMs, UTF-16 without BOM, declared charsets, cp1252.

Real scraped input is mostly UTF-8 with the odd Windows-1252 byte (a pasted “smart quote”), so
the default decoder is UTF-8 whose error handler reads each invalid byte as cp1252 (falling back
to Latin-1 for the five bytes cp1252 leaves undefined). That decodes pure UTF-8, pure cp1252 /
Latin-1 and files mixing both correctly, and it works on streams (``io.TextIOWrapper``), so
JSONL and CSV can be decoded line by line. A charset that a page declares (HTML ``<meta>``, XML
declaration, HTTP header) is trusted when the bytes decode under it; charset-normalizer is only
asked when neither UTF-8 nor a declaration fits and the bytes do not look like Western text.
"""

from __future__ import annotations

import codecs
import re

FALLBACK = "storyline-cp1252"  # the codecs error-handler name registered below
HEAD_BYTES = 64 * 1024  # how much of a file is sniffed for kind and encoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
# control bytes that never occur in text (tab, LF, VT, FF, CR and ESC are allowed)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_TABLE = bytes.maketrans(_CONTROL, b"\x00" * len(_CONTROL))
# encodings whose text our UTF-8-then-cp1252 decoder already reads correctly
_WESTERN = {
    "ascii",
    "utf-8",
    "cp1252",
    "iso8859-1",
    "iso8859-15",
    "cp1250",
    "iso8859-2",
    "mac-roman",
}
# a declared Latin-1 or ASCII page is, as browsers treat it, really cp1252
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def _fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each undecodable byte as cp1252 (Latin-1 where undefined)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    chunk = err.object[err.start : err.end]
    out = []
    for b in chunk:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out), err.end


codecs.register_error(FALLBACK, _fallback)


def bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM has NUL bytes at every other position (for Latin-script text)."""
    sample = head[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True when the bytes hold more control characters than any text would (images, junk)."""
    sample = head[:HEAD_BYTES]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(_CONTROL_TABLE).replace(b"\x00", b""))
    return controls > max(4, len(sample) // 100)


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first bytes, if Python knows it."""
    m = _DECLARED.search(head[:HEAD_BYTES])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def choose_encoding(head: bytes, declared: str | None = None) -> str:
    """The codec to read a file with, judged from its first bytes (see the module docstring).

    ``declared`` is a charset given from outside (an HTTP Content-Type header); a BOM beats it,
    and it is only used when the head actually decodes under it.
    """
    bom = bom_encoding(head)
    if bom:
        return bom
    wide = utf16_without_bom(head)
    if wide:
        return wide
    # cut at a safe point so a multi-byte character split by the head limit is not an error
    sample = head[:HEAD_BYTES]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # only the last, cut character failed
            return "utf-8"
    good, bad = _utf8_counts(sample)
    if good > bad:
        # re-saved pages keep a stale <meta charset>: valid UTF-8 with a few stray cp1252 bytes
        # is UTF-8 whatever the page says (the fallback handler reads the strays)
        return "utf-8"
    for name in (declared, declared_charset(head)):
        try:
            name = name and _WEB_ALIASES.get(codecs.lookup(name).name, codecs.lookup(name).name)
            if name and name not in ("utf-8", "utf-16", "utf-32"):
                sample.decode(name)
                return name
        except (UnicodeDecodeError, LookupError):
            pass
    if good:  # some valid UTF-8 sequences: UTF-8 mixed with cp1252, which the fallback reads
        return "utf-8"
    guess = _normalizer_guess(sample)
    if guess and guess not in _WESTERN:
        return guess
    return "utf-8"  # with the cp1252 fallback handler


def _utf8_counts(sample: bytes) -> tuple[int, int]:
    """(non-ASCII characters that decode as valid UTF-8, bytes that do not)."""
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return sum(1 for ch in text if ch > "\x7f") - bad, bad


def _normalizer_guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[:16384]).best()
    except Exception:  # noqa: BLE001 - a guessing library must never stop ingest
        return None
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return None


def errors_for(encoding: str) -> str:
    """The error handler to pair with ``encoding``: our cp1252 fallback for UTF-8, else replace."""
    return FALLBACK if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else "replace"


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a whole byte string; never raises. BOMs are removed."""
    enc = choose_encoding(data[:HEAD_BYTES], declared)
    text = data.decode(enc, errors_for(enc))
    return text[1:] if text.startswith("\ufeff") else text
