"""A fast stand-in for the model's ``attribute_ruler`` that gives exactly its output.

The small English pipeline maps fine-grained tags to coarse POS and morphology (plus a few dozen
word- and dependency-specific exceptions) with an ``AttributeRuler``: 179 Matcher patterns run over
every token and every match builds a ``Span``. On news text that costs as much as the parser.
Every pattern constrains a token by its tag, lowercase form, dependency label or whitespace-ness,
so :class:`FastAttributes` compiles the ruler's *own* patterns (read from the loaded model, never
written out here) into numpy masks over the doc's attribute array, then gives each token, for each
attribute, the value of the last matching rule that sets it: spaCy applies matches in rule order,
later rules winning, and matches all rules on the values before any rule writes. The result is
written back with ``Doc.from_array`` in one call.

:func:`compile_ruler` returns ``None`` when a pattern uses a feature it does not know (the caller
then keeps spaCy's ruler); ``tests/test_attributes.py`` checks token-for-token parity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

# the token attributes patterns may test, in the column order of the array they are read from
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# the attributes rules may set, in the column order they are written back
_SETS = ("POS", "TAG", "DEP", "MORPH", "LEMMA")

_Mask = Callable[[np.ndarray, Any], np.ndarray]  # (column, strings) -> bool mask


def _predicate(field: str, spec: Any, strings: Any) -> _Mask | None:
    def h(value: Any) -> int:
        return int(value) if field == "IS_SPACE" else strings.add(value)

    if isinstance(spec, (str, bool)):
        want = h(spec)
        return lambda col, _s: col == want
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (op, arg), = spec.items()
    if op in ("IN", "NOT_IN"):
        values = np.array([h(a) for a in arg], dtype=np.uint64)
        invert = op == "NOT_IN"
        return lambda col, _s: np.isin(col, values, invert=invert)
    if op == "REGEX" and field != "IS_SPACE":
        rx = re.compile(arg)

        def regex(col: np.ndarray, strs: Any) -> np.ndarray:
            uniq, inverse = np.unique(col, return_inverse=True)
            ok = np.fromiter((rx.search(strs[int(u)]) is not None for u in uniq), bool, len(uniq))
            return ok[inverse]
        return regex
    return None


class FastAttributes:
    """Callable pipeline component: ``doc -> doc`` with the ruler's attributes set."""

    def __init__(self, rules: list[tuple[list[list[tuple[int, _Mask]]], int, dict[int, int]]]) -> None:
        # each rule: per pattern token a list of (column, mask), the index it writes, its attrs
        self.rules = rules
        from spacy.attrs import IDS

        self.read = [IDS[f] for f in _FIELDS]
        self.write = [IDS[a] for a in _SETS]

    def __call__(self, doc: Any) -> Any:
        n = len(doc)
        if n == 0:
            return doc
        strings = doc.vocab.strings
        values = doc.to_array(self.read)
        columns = [values[:, j] for j in range(values.shape[1])]
        out = doc.to_array(self.write)
        before = out.copy()
        cache: dict[int, np.ndarray] = {}
        for tokens, at, attrs in self.rules:
            width = len(tokens)
            if width > n:
                continue
            hit = np.ones(n - width + 1, dtype=bool)
            for k, checks in enumerate(tokens):
                for j, mask in checks:
                    m = cache.get(id(mask))
                    if m is None:
                        m = cache[id(mask)] = mask(columns[j], strings)
                    hit &= m[k:n - width + 1 + k]
                    if not hit.any():
                        break
            rows = np.flatnonzero(hit) + at
            if rows.size:
                for col, value in attrs.items():
                    out[rows, col] = value
        if not np.array_equal(out, before):
            doc.from_array(self.write, out)
        return doc


def compile_ruler(ruler: Any) -> FastAttributes | None:
    """A :class:`FastAttributes` equal to ``ruler``, or None if a pattern is beyond it."""
    from spacy.attrs import IDS

    strings = ruler.vocab.strings
    set_cols = {IDS[a]: i for i, a in enumerate(_SETS)}
    rules = []
    shared: dict[tuple[str, str], _Mask] = {}  # one mask function per distinct test: cached per doc
    for order, entry in enumerate(ruler.patterns):
        attrs = {}
        for attr_id, value in ruler.attrs[order].items():
            if attr_id not in set_cols:
                return None
            attrs[set_cols[attr_id]] = value
        for pattern in entry["patterns"]:
            tokens = []
            for token_spec in pattern:
                checks = []
                for key, spec in token_spec.items():
                    if key not in _FIELDS:
                        return None
                    sig = (key, repr(spec))
                    if sig not in shared:
                        if (made := _predicate(key, spec, strings)) is None:
                            return None
                        shared[sig] = made
                    pred = shared[sig]
                    checks.append((_FIELDS.index(key), pred))
                tokens.append(checks)
            at = entry["index"] + (len(pattern) if entry["index"] < 0 else 0)
            if not pattern or not 0 <= at < len(pattern):
                return None
            rules.append((tokens, at, attrs))
    return FastAttributes(rules)
