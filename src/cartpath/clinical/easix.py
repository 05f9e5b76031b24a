"""EASIX family (clinical-facts §7.2): raw values only, no risk cut-off (none is universal)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from cartpath.clinical.checks import as_mapping
from cartpath.clinical.errors import ValidationError
from cartpath.clinical.units import canonical_unit, to_canonical

SOURCES = ["S-PENNISI2021", "S-GRECO-EASIX"]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def easix(labs: Mapping[str, Any]) -> dict[str, Any]:
    """EASIX = LDH x creatinine / platelets; m-EASIX = LDH x CRP(mg/dL) / platelets; simplified = LDH / platelets.

    A variant whose inputs are not all documented is null.
    """
    record = as_mapping(labs, "record")
    ldh = to_canonical("ldh", record.get("ldh"))
    platelets = to_canonical("platelets", record.get("platelets"))
    creatinine = to_canonical("creatinine", record.get("creatinine"))
    crp = to_canonical("crp", record.get("crp"))
    if platelets is not None and platelets <= 0:
        raise ValidationError("platelets.value", "must be greater than 0 (it is a divisor)", "out_of_range")
    base = None if ldh is None or platelets is None else ldh / platelets
    values = {
        "easix": None if base is None or creatinine is None else base * creatinine,
        "m_easix": None if base is None or crp is None else base * crp,
        "simplified_easix": base,
    }
    missing = [n for n, v in (("ldh", ldh), ("platelets", platelets), ("creatinine", creatinine), ("crp", crp)) if v is None]
    out: dict[str, Any] = {name: _round(value) for name, value in values.items()}
    out["log2"] = {name: (_round(math.log2(v)) if v else None) for name, v in values.items()}
    out["normalised_values"] = {
        n: {"value": v, "unit": canonical_unit(n)}
        for n, v in (("ldh", ldh), ("platelets", platelets), ("creatinine", creatinine), ("crp", crp))
    }
    out["missing"] = missing
    out["explanation"] = (
        "Raw values (LDH U/L, creatinine and CRP mg/dL, platelets 10^9/L); no universal cut-off exists, "
        "so no high/low group is assigned."
        + (f" Not documented: {', '.join(missing)}." if missing else "")
    )
    out["sources"] = SOURCES
    return out
