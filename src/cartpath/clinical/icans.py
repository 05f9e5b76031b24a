"""ASTCT 2019 grading of ICANS (Lee et al.; clinical-facts §6), with CAPD for children < 12.

The grade is the most severe domain with no other cause. Tremor/myoclonus and intracranial
haemorrhage are excluded; depressed consciousness due to another cause (e.g. sedation) does not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cartpath.clinical import vocab
from cartpath.clinical.checks import as_bool, as_enum, as_int, as_mapping
from cartpath.clinical.errors import ValidationError

SOURCES = ["S-LEE2019", "S-BMJPN", "S-PMC7990806", "S-PMC9327779", "S-MDEDGE-PEDS", "S-BMCPED-CAPD"]
CAPD_AGE_BELOW = 12
CONSCIOUSNESS_GRADE = {
    "normal": 0, "depressed_awakens_spontaneously": 1, "awakens_to_voice": 2,
    "awakens_only_to_tactile": 3, "unarousable_or_requires_vigorous_stimuli": 4,
}
SEIZURE_GRADE = {"none": 0, "clinical_rapidly_resolving": 3,
                 "nonconvulsive_on_eeg_resolved_with_intervention": 3,
                 "prolonged_gt_5min_or_repetitive_without_recovery": 4}
ICP_GRADE = {"none": 0, "focal_edema_on_imaging": 3, "diffuse_edema_on_imaging": 4,
             "decerebrate_or_decorticate_posturing": 4, "cn_vi_palsy": 4, "papilledema": 4,
             "cushings_triad": 4}


def _icp(record: dict[str, Any]) -> list[str]:
    value = record.get("raised_icp_or_cerebral_edema")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(items):
        path = "raised_icp_or_cerebral_edema" + (f"[{index}]" if isinstance(value, list) else "")
        out.append(as_enum({"v": item}, "v", vocab.ICP_FINDINGS, path))
    return out


def validate_icans(record: Mapping[str, Any]) -> dict[str, Any]:
    r = as_mapping(record, "record")
    return {
        "age": as_int(r, "age_years", 0, 120),
        "tool": as_enum(r, "assessment_tool", vocab.ASSESSMENT_TOOLS),
        "developmental_delay": as_bool(r, "developmental_delay"),
        "ice": as_int(r, "ice_score", 0, 10),
        "capd": as_int(r, "capd_score", 0, 32),
        "unable": as_bool(r, "unable_to_perform_assessment"),
        "consciousness": as_enum(r, "consciousness", vocab.CONSCIOUSNESS),
        "other_cause": as_bool(r, "consciousness_depression_due_to_other_cause"),
        "seizure": as_enum(r, "seizure", vocab.SEIZURES),
        "motor": as_enum(r, "motor_findings", vocab.MOTOR_FINDINGS),
        "icp": _icp(r),
        "tremor": as_bool(r, "tremor_or_myoclonus"),
        "ich": as_bool(r, "intracranial_hemorrhage"),
        "died": as_bool(r, "died_of_icans"),
    }


def _tool(v: dict[str, Any], notes: list[str]) -> str | None:
    if v["tool"]:
        return v["tool"]  # clinician override
    if v["developmental_delay"]:
        notes.append("developmental delay: CAPD used regardless of age")
        return "CAPD"
    if v["age"] is not None:
        return "CAPD" if v["age"] < CAPD_AGE_BELOW else "ICE"
    if v["ice"] is not None and v["capd"] is None:
        return "ICE"
    if v["capd"] is not None and v["ice"] is None:
        return "CAPD"
    return None


def grade_icans(record: Mapping[str, Any]) -> dict[str, Any]:
    """Grade ICANS 0-4 (5 only if ``died_of_icans`` is true)."""
    v = validate_icans(record)
    notes: list[str] = []
    flags: list[str] = []
    if v["died"]:
        return _result(5, "death from ICANS (grade 5)", ["died_of_icans"], flags, None)
    tool = _tool(v, notes)
    domains: list[tuple[int, str]] = []
    documented = False
    sedated = bool(v["other_cause"])
    # Encephalopathy score domain.
    if tool == "ICE":
        if v["capd"] is not None and v["ice"] is None:
            notes.append("CAPD score ignored: ICE is the tool for this patient (set assessment_tool to override)")
        if v["ice"] is not None:
            documented = True
            ice = v["ice"]
            grade = 0 if ice == 10 else 1 if ice >= 7 else 2 if ice >= 3 else 3
            if grade:
                domains.append((grade, f"ICE score {ice}"))
        elif v["unable"]:
            documented = True
            if sedated:
                notes.append("ICE not performed because of another cause of depressed consciousness: not graded")
            elif v["consciousness"] is None:
                # ICE 0 is at least grade 3; grade 4 only if the reason is that the patient is
                # unarousable, which is not documented here: say so instead of presuming "awake".
                domains.append((3, "unable to perform ICE (treated as ICE 0: at least grade 3)"))
                notes.append("level of consciousness not documented: grade 4 if the patient is unarousable")
                flags.append("consciousness_not_documented_grade_4_if_unarousable")
            elif v["consciousness"] != "unarousable_or_requires_vigorous_stimuli":
                domains.append((3, "unable to perform ICE while awake (treated as ICE 0 in an awake patient)"))
    elif tool == "CAPD":
        if v["ice"] is not None and v["capd"] is None:
            notes.append("ICE score ignored: CAPD is the tool for children under 12 or with developmental delay "
                         "(set assessment_tool to override)")
        if v["unable"]:
            documented = True
            if sedated:
                notes.append("CAPD not performed because of another cause of depressed consciousness: not graded")
            else:
                domains.append((4, "unable to perform CAPD"))
        elif v["capd"] is not None:
            documented = True
            capd = v["capd"]
            if capd >= 9:
                domains.append((3, f"CAPD score {capd} (>= 9)"))
            elif capd >= 1:
                domains.append((1, f"CAPD score {capd} (1-8)"))
    # Depressed level of consciousness.
    if v["consciousness"] is not None:
        documented = True
        grade = CONSCIOUSNESS_GRADE[v["consciousness"]]
        if grade and sedated:
            notes.append(f"depressed consciousness ({v['consciousness']}) due to another cause: excluded")
        elif grade:
            domains.append((grade, v["consciousness"].replace("_", " ")))
    if v["seizure"] is not None:
        documented = True
        if SEIZURE_GRADE[v["seizure"]]:
            domains.append((SEIZURE_GRADE[v["seizure"]], f"seizure: {v['seizure'].replace('_', ' ')}"))
    if v["motor"] is not None:
        documented = True
        if v["motor"] == "deep_focal_weakness":
            domains.append((4, "deep focal motor weakness"))
    if v["icp"]:
        documented = True
        if v["ich"]:
            flags.append("intracranial_hemorrhage_excluded")
            notes.append("intracranial haemorrhage (with or without oedema) is excluded from ICANS grading: "
                         "oedema findings not graded; clinician review")
        else:
            for item in v["icp"]:
                if ICP_GRADE[item]:
                    domains.append((ICP_GRADE[item], item.replace("_", " ")))
    elif v["ich"]:
        flags.append("intracranial_hemorrhage_excluded")
        notes.append("intracranial haemorrhage is excluded from ICANS grading")
    if v["tremor"]:
        notes.append("tremor/myoclonus is graded by CTCAE and does not change the ICANS grade")
    if not documented:
        return _result(None, "no ICANS domain documented; cannot grade" + _tail(notes), [], flags, tool)
    score_missing = tool is not None and v["unable"] is not True and (
        v["ice"] is None if tool == "ICE" else v["capd"] is None)
    if score_missing:
        # Omitted domains are graded as absent (as for CRS), but the result must not claim a
        # normal score that nobody recorded: an ICE or CAPD score can still raise it to grade 3.
        flags.append(f"{tool.lower()}_score_not_documented")
        notes.append(f"{tool} score not documented: graded on the other domains only; "
                     f"the {tool} score could raise the grade up to 3")
    if not domains:
        finding = ("no finding in the documented domains" if score_missing
                   else "normal encephalopathy score and no other finding")
        return _result(0, f"no ICANS finding ({finding}): grade 0" + _tail(notes), [], flags, tool)
    grade = max(g for g, _ in domains)
    determining = [text for g, text in domains if g == grade]
    others = [f"{text} (grade {g})" for g, text in domains if g != grade]
    explanation = f"grade {grade}, the most severe domain: " + "; ".join(determining)
    if others:
        explanation += ". Other findings: " + "; ".join(others)
    return _result(grade, explanation + _tail(notes), determining, flags, tool)


def _tail(notes: list[str]) -> str:
    return (". Note: " + "; ".join(notes)) if notes else ""


def _result(grade: int | None, explanation: str, determining: list[str], flags: list[str], tool: str | None) -> dict[str, Any]:
    return {"grade": grade, "explanation": explanation, "determining_findings": determining,
            "assessment_tool": tool, "flags": flags, "sources": SOURCES}


__all__ = ["grade_icans", "validate_icans", "ValidationError"]
