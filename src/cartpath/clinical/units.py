"""Laboratory unit normalisation to the units the scores are defined in.

Canonical units: counts (platelets, ANC) 10^9/L (= 10^3/uL); haemoglobin g/dL; CRP mg/dL;
ferritin ng/mL (= ug/L); LDH U/L; creatinine mg/dL.
"""

from __future__ import annotations

import re
from typing import Any

from cartpath.clinical.errors import ValidationError

_COUNT = {
    "10^9/l": 1.0, "g/l": 1.0, "giga/l": 1.0, "10^3/ul": 1.0, "k/ul": 1.0, "thou/ul": 1.0,
    "10^3/mm3": 1.0, "10^3/mm^3": 1.0, "/nl": 1.0, "10^6/ml": 1.0,
    "/ul": 1e-3, "cells/ul": 1e-3, "/mm3": 1e-3, "/mm^3": 1e-3, "cells/mm3": 1e-3, "10^6/l": 1e-3,
}
UNITS: dict[str, tuple[str, dict[str, float], float]] = {
    # quantity: (canonical unit, factors to canonical, upper plausibility limit in canonical unit)
    "platelets": ("10^9/L", _COUNT, 5000.0),
    "anc": ("10^9/L", _COUNT, 500.0),
    # No lab reports haemoglobin in mg/dL, CRP in g/L or ferritin in mg/L: each is another
    # quantity's unit pasted into the wrong field, so it is rejected rather than converted into
    # an implausible value that would silently score (Hb 10 "mg/dL" = 0.01 g/dL).
    "hemoglobin": ("g/dL", {"g/dl": 1.0, "g/l": 0.1, "mmol/l": 1.6114}, 30.0),
    "crp": ("mg/dL", {"mg/dl": 1.0, "mg/l": 0.1, "ug/ml": 0.1, "mcg/ml": 0.1}, 100.0),
    "ferritin": ("ng/mL", {"ng/ml": 1.0, "ug/l": 1.0, "mcg/l": 1.0, "ug/dl": 10.0}, 1e6),
    "ldh": ("U/L", {"u/l": 1.0, "iu/l": 1.0, "ukat/l": 60.0}, 1e5),
    "creatinine": ("mg/dL", {"mg/dl": 1.0, "umol/l": 1 / 88.42, "mg/l": 0.1, "mmol/l": 1000 / 88.42}, 50.0),
}


def _normalise_unit(unit: str) -> str:
    """Fold the spellings labs use ("x10⁹/L", "10e9/L", "K/µL", "cells/mcL") to one key."""
    text = unit.strip().lower().replace("µ", "u").replace("μ", "u").replace(" ", "")
    text = text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
    text = re.sub(r"^(x|×|\*)", "", text)
    # 10^9, 10**9, 10e9, 10*9, 10x9, 10⁹ (folded to "109") -> 10^9; same for 3 and 6.
    text = re.sub(r"^10(?:\^|\*\*|e|\*|x)?([369])(?=/)", r"10^\1", text)
    if text.startswith("e") and re.match(r"^e[369]/", text):
        text = "10^" + text[1:]
    text = text.replace("mcl", "ul").replace("microl", "ul").replace("/microliter", "/ul")
    return text.replace("g/100ml", "g/dl").replace("thousand/ul", "10^3/ul")


def to_canonical(quantity: str, raw: Any, field: str | None = None) -> float | None:
    """Convert ``{"value", "unit"}`` to the canonical unit; None passes through (not documented)."""
    name = field or quantity
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValidationError(name, f"expected {{\"value\": number, \"unit\": string}}, got {raw!r}", "invalid_type")
    value = raw.get("value")
    unit = raw.get("unit")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValidationError(f"{name}.value", f"expected a number, got {value!r}", "invalid_type")
    canonical, factors, upper = UNITS[quantity]
    if unit is None:
        raise ValidationError(f"{name}.unit", "unit is required", "missing_unit")
    if not isinstance(unit, str):
        raise ValidationError(f"{name}.unit", f"expected a string, got {unit!r}", "invalid_type")
    factor = factors.get(_normalise_unit(unit))
    if factor is None:
        raise ValidationError(
            f"{name}.unit", f"unknown unit {unit!r} for {quantity}; use one of {', '.join(sorted(factors))}",
            "unknown_unit",
        )
    if value < 0:
        raise ValidationError(f"{name}.value", f"{value} is negative", "out_of_range")
    converted = round(value * factor, 9)
    if converted > upper:
        raise ValidationError(f"{name}.value", f"{value} {unit} is not a possible {quantity} value", "out_of_range")
    return converted


def canonical_unit(quantity: str) -> str:
    return UNITS[quantity][0]


def validate_labs(record: dict[str, Any], quantities: tuple[str, ...]) -> dict[str, float | None]:
    """Normalise the named labs of a record (each ``{value, unit}`` or null); raises ValidationError."""
    if not isinstance(record, dict):
        raise ValidationError("record", f"expected a JSON object, got {record!r}", "invalid_type")
    return {name: to_canonical(name, record.get(name)) for name in quantities}
