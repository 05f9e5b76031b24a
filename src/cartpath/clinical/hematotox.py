"""CAR-HEMATOTOX (Rejeski et al., Blood 2021) from pre-lymphodepletion labs (clinical-facts §7.1).

The exact inequality at the boundaries (ANC 1.2, Hb 9.0, CRP 3.0, platelets 175, ferritin 650)
is not verified (§10 item 6). The default "risk_side" convention follows the reference table
(a boundary value scores the point); "protective_side" scores it 0. The convention is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cartpath.clinical.checks import as_mapping
from cartpath.clinical.errors import ValidationError
from cartpath.clinical.units import canonical_unit, to_canonical

COMPONENTS = ("platelets", "anc", "hemoglobin", "crp", "ferritin")
CONVENTIONS = ("risk_side", "protective_side")
SOURCES = ["S-REJESKI2021", "S-DEBOER2025", "S-JHO-HT-MM"]
MAX_POINTS = {"platelets": 2, "anc": 1, "hemoglobin": 1, "crp": 1, "ferritin": 2}


def _points(name: str, v: float, risk_side: bool) -> int:
    if name == "platelets":
        if v < 75:
            return 2
        return 1 if (v <= 175 if risk_side else v < 175) else 0
    if name == "anc":
        return 1 if (v <= 1.2 if risk_side else v < 1.2) else 0
    if name == "hemoglobin":
        return 1 if (v <= 9.0 if risk_side else v < 9.0) else 0
    if name == "crp":
        return 1 if (v >= 3.0 if risk_side else v > 3.0) else 0
    if name == "ferritin":
        if v > 2000:
            return 2
        return 1 if (v >= 650 if risk_side else v > 650) else 0
    raise KeyError(name)


def hematotox(labs: Mapping[str, Any], boundary: str = "risk_side") -> dict[str, Any]:
    """Score CAR-HEMATOTOX; a missing lab leaves the score null and the risk group null unless decided anyway."""
    record = as_mapping(labs, "record")
    convention = record.get("boundary_convention") or boundary
    if convention not in CONVENTIONS:
        raise ValidationError("boundary_convention", f"expected one of {', '.join(CONVENTIONS)}", "unknown_code")
    values = {name: to_canonical(name, record.get(name)) for name in COMPONENTS}
    points: dict[str, int | None] = {}
    for name, value in values.items():
        points[name] = None if value is None else _points(name, value, convention == "risk_side")
    known = sum(p for p in points.values() if p is not None)
    missing = [n for n, p in points.items() if p is None]
    high_bound = known + sum(MAX_POINTS[n] for n in missing)
    if not missing:
        score: int | None = known
        risk = "high" if known >= 2 else "low"
    else:
        score = None
        risk = "high" if known >= 2 else ("low" if high_bound <= 1 else None)
    explanation = (
        f"CAR-HEMATOTOX {score} ({risk} risk: low 0-1, high >=2)" if score is not None
        else f"CAR-HEMATOTOX not computable: {', '.join(missing)} not documented; documented points {known}"
        + (f", already {risk} risk" if risk else "")
    )
    return {
        "score": score,
        "risk_group": risk,
        "component_points": points,
        "normalised_values": {n: {"value": v, "unit": canonical_unit(n)} for n, v in values.items()},
        "missing": missing,
        "score_range": [known, high_bound],
        "boundary_convention": convention,
        "explanation": explanation + f". Boundary convention: {convention}. Labs should be taken before lymphodepletion.",
        "flags": ["unverified:hematotox_boundary_inequalities"],
        "sources": SOURCES,
    }
