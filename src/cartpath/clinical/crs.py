"""ASTCT 2019 consensus grading of cytokine release syndrome (Lee et al.; clinical-facts §5).

Grade = the more severe of hypotension and hypoxia, given fever (or masked fever after
antipyretic / anti-cytokine therapy). Grades come with the findings that decided them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cartpath.clinical import vocab
from cartpath.clinical.checks import as_bool, as_enum, as_int, as_mapping, as_number

SOURCES = ["S-LEE2019", "S-PMC9327779", "S-PMC8021214"]
FEVER_C = 38.0
LOW_FLOW_MAX_L_MIN = 6.0
OXYGEN_TIER = {
    "room_air": 0, "blow_by": 2, "high_flow_nasal_cannula": 3, "simple_face_mask": 3,
    "non_rebreather": 3, "venturi_mask": 3, "cpap": 4, "bipap": 4, "mechanical_ventilation": 4,
}


def validate_crs(record: Mapping[str, Any]) -> dict[str, Any]:
    r = as_mapping(record, "record")
    return {
        "temperature_c": as_number(r, "temperature_c", 25, 45),
        "masked": as_bool(r, "crs_previously_diagnosed_and_antipyretic_or_anticytokine_given"),
        "hypotension": as_bool(r, "hypotension"),
        "pressors": as_int(r, "vasopressors_excluding_vasopressin", 0, 10),
        "vasopressin": as_bool(r, "vasopressin"),
        "device": as_enum(r, "oxygen_device", vocab.OXYGEN_DEVICES),
        "flow": as_number(r, "oxygen_flow_l_min", 0, 100),
        "other_cause": as_bool(r, "findings_attributable_to_other_cause"),
        "died": as_bool(r, "died_of_crs"),
    }


def _hypotension_range(v: dict[str, Any], notes: list[str], flags: list[str]) -> tuple[int, int, str | None]:
    if v["hypotension"] is None and ((v["pressors"] or 0) >= 1 or v["vasopressin"]):
        # A vasopressor is only given for hypotension: its use documents the hypotension, so a
        # missing hypotension flag must not silently drop the record to grade 1.
        notes.append("hypotension not documented but implied by vasopressor use")
    elif not v["hypotension"]:
        if v["hypotension"] is None:
            notes.append("hypotension not documented (graded as absent)")
        elif (v["pressors"] or 0) >= 1 or v["vasopressin"]:
            flags.append("conflicting_facts:hypotension")
            notes.append("vasopressors recorded but hypotension is false: graded as documented (no hypotension); "
                         "clinician review")
        return 0, 0, None
    pressors = v["pressors"]
    if pressors is None:
        if v["vasopressin"]:
            pressors = 0
        else:
            notes.append("hypotension with vasopressor use not documented: graded as not requiring vasopressors")
            return 2, 2, "hypotension not requiring vasopressors"
    if pressors >= 2:
        return 4, 4, f"hypotension requiring {pressors} vasopressors (excluding vasopressin)"
    if pressors == 1:
        extra = " plus vasopressin" if v["vasopressin"] else ""
        return 3, 3, f"hypotension requiring one vasopressor{extra}"
    if v["vasopressin"]:
        flags.append("vasopressin_only_clinician_review")
        notes.append("vasopressin as the only vasopressor is not specified by ASTCT: grade 2 or 3, for clinician review")
        return 2, 3, "hypotension on vasopressin alone"
    return 2, 2, "hypotension not requiring vasopressors"


def _oxygen_tier(v: dict[str, Any], notes: list[str], flags: list[str]) -> tuple[int, str | None]:
    device = v["device"]
    flow = v["flow"]
    if device is None:
        notes.append("oxygen requirement not documented (graded as room air)")
        return 0, None
    if device == "nasal_cannula":
        if flow is None:
            flags.append("oxygen_flow_not_documented")
            notes.append(
                "nasal cannula with undocumented flow graded as low-flow (grade 2); "
                f"a flow above {LOW_FLOW_MAX_L_MIN:g} L/min would be high-flow (grade 3)"
            )
            return 2, "oxygen by nasal cannula (flow not documented)"
        if flow > LOW_FLOW_MAX_L_MIN:
            return 3, f"high-flow oxygen by nasal cannula ({flow:g} L/min > {LOW_FLOW_MAX_L_MIN:g})"
        return 2, f"low-flow nasal cannula ({flow:g} L/min)"
    tier = OXYGEN_TIER[device]
    if tier == 0:
        return 0, None
    return tier, f"oxygen by {device.replace('_', ' ')}"


def grade_crs(record: Mapping[str, Any]) -> dict[str, Any]:
    """Grade CRS (0-5). ``grade`` is null only when fever status or a vasopressin-only case cannot decide it."""
    v = validate_crs(record)
    notes: list[str] = []
    flags: list[str] = []
    if v["died"]:
        return _result(5, "death from CRS (grade 5)", ["died_of_crs"], flags)
    if v["other_cause"]:
        return _result(0, "findings attributed to another cause; ASTCT grades only findings not "
                       "attributable to another cause: no CRS graded", [], flags)
    temp = v["temperature_c"]
    fever = temp is not None and temp >= FEVER_C
    masked = bool(v["masked"])
    low_h, high_h, hypo_text = _hypotension_range(v, notes, flags)
    oxy, oxy_text = _oxygen_tier(v, notes, flags)
    if not fever and not masked:
        if temp is None:
            if low_h == 0 and oxy == 0:
                return _result(0, "no fever documented and no hypotension or hypoxia: no CRS by ASTCT definition"
                               + _tail(notes), [], flags)
            flags.append("temperature_not_documented")
            return _result(None, "temperature not documented: ASTCT requires fever (>= 38.0 C) unless CRS was "
                           "already diagnosed and antipyretic or anti-cytokine therapy given; cannot grade"
                           + _tail(notes), [], flags)
        return _result(0, f"no fever ({temp:g} C < {FEVER_C:g} C) and fever not masked by treatment: "
                       "no CRS by ASTCT definition", [], flags)
    determining = [t for t in (hypo_text, oxy_text) if t]
    low, high = max(low_h, oxy), max(high_h, oxy)
    if low != high:
        return _result(None, f"grade {low} or {high}: " + "; ".join(determining) + _tail(notes),
                       determining, flags, grade_range=[low, high])
    if low == 0:
        if fever:
            return _result(1, f"fever ({temp:g} C) without hypotension or hypoxia: grade 1" + _tail(notes),
                           [f"fever {temp:g} C"], flags)
        return _result(0, "fever masked by antipyretic/anti-cytokine therapy and no hypotension or hypoxia: "
                       "nothing to grade" + _tail(notes), [], flags)
    basis = "fever" if fever else "masked fever (CRS already diagnosed and treated; fever not required)"
    # Grade = the more severe of hypotension and hypoxia.
    deciding = [t for t, g in ((hypo_text, high_h), (oxy_text, oxy)) if t and g == low]
    return _result(low, f"{basis} with " + " and ".join(determining) + f": grade {low}" + _tail(notes),
                   deciding, flags)


def _tail(notes: list[str]) -> str:
    return (". Note: " + "; ".join(notes)) if notes else ""


def _result(grade: int | None, explanation: str, determining: list[str], flags: list[str], **extra: Any) -> dict[str, Any]:
    out = {"grade": grade, "explanation": explanation, "determining_findings": determining,
           "flags": flags, "sources": SOURCES}
    out.update(extra)
    return out
