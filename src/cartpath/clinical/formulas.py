"""Small pure helpers computed before CAR-T (clinical-facts §7.4)."""

from __future__ import annotations

import math

from cartpath.clinical.errors import ValidationError


def _positive(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValidationError(name, f"expected a positive number, got {value!r}", "out_of_range")


def cockcroft_gault(age_years: float, weight_kg: float, creatinine_mg_dl: float, sex: str) -> float:
    """Creatinine clearance (mL/min) = (140 - age) x weight / (72 x SCr), x 0.85 if female."""
    _positive("age_years", age_years)
    _positive("weight_kg", weight_kg)
    _positive("creatinine", creatinine_mg_dl)
    if sex not in ("female", "male"):
        raise ValidationError("sex", "Cockcroft-Gault needs female or male", "unknown_code")
    value = (140 - age_years) * weight_kg / (72 * creatinine_mg_dl)
    return value * 0.85 if sex == "female" else value


def mosteller_bsa(height_cm: float, weight_kg: float) -> float:
    """Body-surface area (m2) = sqrt(height cm x weight kg / 3600)."""
    _positive("height_cm", height_cm)
    _positive("weight_kg", weight_kg)
    return math.sqrt(height_cm * weight_kg / 3600)
