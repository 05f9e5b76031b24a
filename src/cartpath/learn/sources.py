"""Source keys -> titles and links, for the "Sources" box every education page shows.

The clinical core keeps the source table of the reference (§11). A few education pages also
cite the support programmes described in the anchors research (its §5); those keys live in
``data/extra_sources.json`` so the same box can resolve them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cartpath.clinical.catalogue import load_catalogue

EXTRA_SOURCES = Path(__file__).resolve().parent / "data" / "extra_sources.json"


@dataclass(frozen=True, slots=True)
class SourceRef:
    key: str
    title: str
    url: str
    rating: str


@lru_cache(maxsize=1)
def _extra() -> dict[str, SourceRef]:
    data = json.loads(EXTRA_SOURCES.read_text(encoding="utf-8"))
    return {s["key"]: SourceRef(s["key"], s["title"], s["url"], s.get("rating", ""))
            for s in data["sources"]}


def resolve(keys: list[str] | tuple[str, ...]) -> list[SourceRef]:
    """Each key once, in first-seen order; an unknown key is shown as itself, never dropped,
    so a missing entry in the table is visible rather than silently hidden."""
    table = load_catalogue().sources
    out: list[SourceRef] = []
    for key in dict.fromkeys(keys):
        if key in table:
            source = table[key]
            out.append(SourceRef(key, source.title, source.urls[0] if source.urls else "",
                                 source.rating))
        elif key in _extra():
            out.append(_extra()[key])
        else:
            out.append(SourceRef(key, key, "", ""))
    return out
