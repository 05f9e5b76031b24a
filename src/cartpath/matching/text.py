"""Tokenisation shared by the index and the queries.

One tokeniser for both sides, because BM25 only works when a query term and a document term are
spelled the same way. Stemming is a light English suffix stripper (plurals, -ing/-ed, -al/-ic
variants) rather than full Porter: it is dependency-free, fast, and errs towards keeping medical
terms apart (``leukemia`` vs ``leukemic`` both become ``leukem``, but ``lymphoma`` stays).
"""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
being below between both but by can did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
you your yours yourself yourselves s t also may must per via within upon""".split()
)

TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_SPLIT_HYPHEN = re.compile(r"[-']")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Strip common English inflections; leave short words and numbers alone."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("sses", "ss", 6),
        ("ness", "", 7),
        ("ments", "ment", 7),
        ("ings", "", 7),
        ("ing", "", 6),
        ("edly", "", 7),
        ("ed", "", 5),
        ("ically", "ic", 8),
        ("ical", "ic", 7),
        ("ally", "al", 7),
        ("ly", "", 6),
        ("ias", "ia", 5),
        ("es", "e", 5),
        ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_len:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word tokens; hyphenated words also yield their parts (``anti-cd19``)."""
    out: list[str] = []
    for tok in TOKEN_RE.findall(text.lower()):
        out.append(tok)
        if "-" in tok or "'" in tok:
            parts = [p for p in _SPLIT_HYPHEN.split(tok) if p]
            if len(parts) > 1:
                out.extend(parts)
    return out


def tokenize(text: str) -> list[str]:
    """Index/query terms: stop-words dropped, stemmed."""
    cache = _TERM_CACHE
    out: list[str] = []
    for tok in raw_tokens(text):
        term = cache.get(tok, _MISSING)
        if term is _MISSING:
            keep = tok not in STOPWORDS and (len(tok) > 1 or tok.isdigit())
            term = stem(tok) if keep else None
            if len(cache) < 2_000_000:
                cache[tok] = term
        if term is not None:
            out.append(term)
    return out


# raw token -> index term (None = dropped); a plain dict is faster than lru_cache + filters.
_TERM_CACHE: dict[str, str | None] = {}
_MISSING = object()
