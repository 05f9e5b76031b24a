"""Drug and regimen dictionary: raw therapy names -> the contract's drug_classes vocabulary."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DRUGS_FILE = Path(__file__).resolve().parent / "data" / "drugs.json"

# Prefixes that add one antibody to a regimen acronym ("R-ICE", "Dara-VRd", "Pola-BR").
_PREFIXES = {"r": "rituximab", "dara": "daratumumab", "d": "daratumumab", "isa": "isatuximab",
             "pola": "polatuzumab vedotin", "g": "obinutuzumab", "o": "obinutuzumab"}
_SPLIT = re.compile(r"\s*(?:\+|,|;|/|&|\band\b|\bwith\b|\bplus\b|\bthen\b|\bfollowed by\b)\s*", re.I)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@dataclass(frozen=True, slots=True)
class Drug:
    name: str
    classes: frozenset[str]
    chemotherapy: bool
    targets: frozenset[str]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a regimen or drug list resolved to; ``complete`` is False if any part was not recognised."""

    drugs: tuple[Drug, ...]
    unknown: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.unknown

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(c for d in self.drugs for c in d.classes)


class DrugDictionary:
    def __init__(self, data: dict) -> None:
        self.version = data.get("version", "")
        self.chemo_classes = frozenset(data.get("chemotherapy_classes", ()))
        self.ignored = frozenset(_key(w) for w in data.get("ignored_words", ()))
        self.drugs: dict[str, Drug] = {}
        self._by_key: dict[str, Drug] = {}
        for name, spec in data["drugs"].items():
            drug = Drug(name, frozenset(spec["classes"]), bool(spec.get("chemotherapy")),
                        frozenset(spec.get("targets", ())))
            self.drugs[name] = drug
            for alias in (name, *spec.get("synonyms", ())):
                self._by_key[_key(alias)] = drug
        self._regimens: dict[str, tuple[Drug, ...]] = {}
        for name, spec in data["regimens"].items():
            members = tuple(self.drugs[d] for d in spec["drugs"])
            for alias in (name, *spec.get("synonyms", ())):
                self._regimens[_key(alias)] = members

    def drug(self, text: str) -> Drug | None:
        return self._by_key.get(_key(text))

    def resolve(self, text: str) -> Resolution:
        """Resolve a regimen name ("R-CHOP", "Dara-VRd", "BR + ibrutinib", "lenalidomide maintenance")."""
        return _resolve_cached(self, text)

    def _resolve_uncached(self, text: str) -> Resolution:
        whole = self._one(text)
        if whole is not None:
            return Resolution(whole, ())
        found: list[Drug] = []
        unknown: list[str] = []
        for part in _SPLIT.split(text):
            if not part.strip():
                continue
            members = self._one(part)
            if members is not None:
                found.extend(members)
                continue
            # "lenalidomide maintenance", "R-CHOP x6": try word by word, ignoring filler words.
            words = re.split(r"[\s()]+", part)
            for word in words:
                key = _key(word)
                if not key or key in self.ignored or key.isdigit() or re.fullmatch(r"x?\d+x?", key):
                    continue
                if key == "x" and len(words) > 1:  # "Pola-R-CHP x 6"
                    continue
                members = self._one(word)
                if members is None and "-" in word:
                    # Generic names joined by hyphens ("acalabrutinib-obinutuzumab"): accepted only
                    # when every piece is a known drug or regimen.
                    pieces = [self._one(piece) for piece in word.split("-") if _key(piece)]
                    if pieces and all(piece for piece in pieces):
                        members = tuple(drug for piece in pieces for drug in piece)
                if members is None:
                    unknown.append(word)
                else:
                    found.extend(members)
        return Resolution(tuple(dict.fromkeys(found)), tuple(unknown))

    def _one(self, text: str) -> tuple[Drug, ...] | None:
        key = _key(text)
        if not key:
            return ()
        if key in self._regimens:
            return self._regimens[key]
        if key in self._by_key:
            return (self._by_key[key],)
        # Prefix + regimen: "R-ICE", "Dara-Pd", "Pola-R-CHP".
        match = re.match(r"\s*([A-Za-z]+)\s*-\s*(.+)$", text)
        if match and match.group(1).lower() in _PREFIXES:
            rest = self._one(match.group(2))
            if rest:
                return (self.drugs[_PREFIXES[match.group(1).lower()]], *rest)
        return None

    def is_chemotherapy(self, drug: Drug) -> bool:
        return drug.chemotherapy or bool(drug.classes & self.chemo_classes)


@lru_cache(maxsize=4096)
def _resolve_cached(dictionary: DrugDictionary, text: str) -> Resolution:
    return dictionary._resolve_uncached(text)


@lru_cache(maxsize=1)
def load_drug_dictionary() -> DrugDictionary:
    return DrugDictionary(json.loads(DRUGS_FILE.read_text(encoding="utf-8")))


def classify(text: str) -> frozenset[str]:
    """The drug classes of a drug or regimen name (empty when not recognised)."""
    return load_drug_dictionary().resolve(text).classes
