"""The case facts trial matching reads, with lab values normalised to one unit per analyte.

Field names are those of the case-facts contract (``contracts/README.md``) plus the extraction
extras (``labs``, ``cns_involvement``, ``measurable_disease``). Every field may be None, which
means "not documented" and can never satisfy or violate a criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Canonical unit per analyte; conversions are unit arithmetic (molar masses for creatinine
# 113.12 g/mol -> 88.4 umol/L per mg/dL, bilirubin 584.7 g/mol -> 17.1), not clinical judgement.
CANONICAL_UNITS = {
    "creatinine": "mg/dL", "bilirubin": "mg/dL", "alt": "U/L", "ast": "U/L", "lvef": "%",
    "anc": "10^9/L", "platelets": "10^9/L", "alc": "10^9/L", "wbc": "10^9/L",
    "hemoglobin": "g/dL", "crcl": "mL/min", "egfr": "mL/min", "ldh": "U/L",
}
_COUNT_PER_UL = {"/ul", "/mm3", "/mm^3", "cells/ul", "cells/mm3", "cells/mm^3", "/cumm",
                 "perul", "/microl"}
_COUNT_E9 = {"10^9/l", "x10^9/l", "g/l", "giga/l", "10^3/ul", "x10^3/ul", "k/ul", "thou/ul"}


def normalise_unit(unit: str | None) -> str:
    """Lower-case, no spaces, one spelling for micro and times ('x 10^9/L' -> 'x10^9/l')."""
    u = (unit or "").strip().lower().replace(" ", "")
    for a, b in (("μ", "u"), ("µ", "u"), ("mcl", "ul"), ("×", "x"), ("10e9", "10^9"),
                 ("10*9", "10^9"), ("10e3", "10^3"), ("10*3", "10^3"), ("109/l", "10^9/l")):
        u = u.replace(a, b)
    return u


def to_canonical(name: str, value: float, unit: str | None) -> float | None:
    """``value`` in ``unit`` -> the analyte's canonical unit; None when the unit is not known."""
    u = normalise_unit(unit)
    name = name.lower()
    if name in ("anc", "platelets", "alc", "wbc"):
        if u in _COUNT_PER_UL:
            return value / 1000.0
        if u in _COUNT_E9:
            return value
        if u == "":
            # Bare numbers: counts above 1000 can only be per microlitre.
            return value / 1000.0 if value >= 1000 else None
        return None
    if name in ("creatinine", "bilirubin"):
        if u in ("mg/dl", ""):
            return value if u else None
        if u in ("umol/l", "micromol/l"):
            return value / (88.4 if name == "creatinine" else 17.1)
        if u == "mg/l":
            return value / 10.0
        return None
    if name in ("alt", "ast", "ldh"):
        return value if u in ("u/l", "iu/l", "units/l", "") else None
    if name == "lvef":
        return value if u in ("%", "percent", "") else None
    if name == "hemoglobin":
        if u == "g/dl":
            return value
        if u == "g/l":
            return value / 10.0
        return None
    if name in ("crcl", "egfr"):
        return value if u in ("ml/min", "ml/min/1.73m2", "ml/min/1.73m^2", "") else None
    return None


@dataclass(frozen=True)
class Lab:
    name: str
    value: float
    unit: str | None


@dataclass
class MatchFacts:
    age_years: float | None = None
    sex: str | None = None
    disease: str | None = None
    histology: str | None = None
    disease_status: str | None = None
    n_prior_lines: int | None = None
    prior_car_t: bool | None = None
    prior_bcma_therapy: bool | None = None
    prior_allo_hct: bool | None = None
    ecog: int | None = None
    cns_involvement: bool | None = None
    measurable_disease: bool | None = None
    labs: list[Lab] = field(default_factory=list)
    drug_classes: set[str] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchFacts:
        """Accepts contract case facts (unknown fields ignored)."""
        labs = []
        for item in data.get("labs") or []:
            if isinstance(item, Mapping) and item.get("name") is not None:
                try:
                    labs.append(Lab(str(item["name"]).lower(), float(item["value"]),
                                    item.get("unit")))
                except (TypeError, ValueError, KeyError):
                    continue
        classes = None
        if isinstance(data.get("prior_lines"), list):
            classes = set()
            for line in data["prior_lines"]:
                if isinstance(line, Mapping):
                    classes.update(str(c) for c in line.get("drug_classes") or [])
        age = data.get("age_years")
        return cls(
            age_years=float(age) if isinstance(age, (int, float)) else None,
            sex=data.get("sex"), disease=data.get("disease"), histology=data.get("histology"),
            disease_status=data.get("disease_status"),
            n_prior_lines=data.get("n_prior_lines"), prior_car_t=data.get("prior_car_t"),
            prior_bcma_therapy=data.get("prior_bcma_therapy"),
            prior_allo_hct=data.get("prior_allo_hct"), ecog=data.get("ecog"),
            cns_involvement=data.get("cns_involvement"),
            measurable_disease=data.get("measurable_disease"), labs=labs, drug_classes=classes,
        )

    def lab(self, name: str) -> tuple[float, Lab] | None:
        """Latest recorded value of ``name`` in its canonical unit (the last one listed)."""
        for item in reversed(self.labs):
            if item.name == name:
                value = to_canonical(name, item.value, item.unit)
                if value is not None:
                    return value, item
        return None
