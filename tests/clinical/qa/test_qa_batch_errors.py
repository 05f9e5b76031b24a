"""Bad input through the batch commands: an error record naming the field, the batch goes on, exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(command, lines):
    done = subprocess.run([sys.executable, "-m", "cartpath.cli", *command, "--input", "-", "--output", "-"],
                          input="".join(line + "\n" for line in lines), capture_output=True, text=True, timeout=60)
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def lab(value, unit):
    return {"value": value, "unit": unit}


GOOD_LABS = {"platelets": lab(200, "10^9/L"), "anc": lab(2, "10^9/L"), "hemoglobin": lab(12, "g/dL"),
             "crp": lab(1, "mg/dL"), "ferritin": lab(300, "ng/mL")}

BAD = {
    ("prescreen",): [
        ({"age_years": -3}, "age_years", "out_of_range"),
        ({"age_years": "60"}, "age_years", "invalid_type"),
        ({"ecog": 7}, "ecog", "out_of_range"),
        ({"disease": "DLBCL"}, "disease", "unknown_code"),
        ({"histology": "FL_grade_3"}, "histology", "unknown_code"),
        ({"disease_status": "progressive"}, "disease_status", "unknown_code"),
        ({"n_prior_lines": -1}, "n_prior_lines", "out_of_range"),
        ({"prior_lines": "R-CHOP"}, "prior_lines", "invalid_type"),
        ({"prior_lines": [{"line": 1, "drug_classes": ["chemo"]}]}, "prior_lines[0].drug_classes[0]", "unknown_code"),
        ({"prior_lines": [{"line": 1, "best_response": "VGPR"}]}, "prior_lines[0].best_response", "unknown_code"),
        ({"lenalidomide_refractory": "yes"}, "lenalidomide_refractory", "invalid_type"),
        ({"hsct_candidate": 1}, "hsct_candidate", "invalid_type"),
        ({"months_from_end_of_1L_to_relapse": -2}, "months_from_end_of_1L_to_relapse", "out_of_range"),
        ({"marrow_blasts_pct": 140}, "marrow_blasts_pct", "out_of_range"),
    ],
    ("grade", "crs"): [
        ({"temperature_c": "39"}, "temperature_c", "invalid_type"),
        ({"temperature_c": 55}, "temperature_c", "out_of_range"),
        ({"oxygen_device": "tent"}, "oxygen_device", "unknown_code"),
        ({"vasopressors_excluding_vasopressin": -1}, "vasopressors_excluding_vasopressin", "out_of_range"),
        ({"oxygen_flow_l_min": -2}, "oxygen_flow_l_min", "out_of_range"),
        ({"hypotension": "yes"}, "hypotension", "invalid_type"),
    ],
    ("grade", "icans"): [
        ({"age_years": 40, "ice_score": 14}, "ice_score", "out_of_range"),
        ({"age_years": 40, "ice_score": -1}, "ice_score", "out_of_range"),
        ({"age_years": 5, "capd_score": 33}, "capd_score", "out_of_range"),
        ({"age_years": -3, "ice_score": 10}, "age_years", "out_of_range"),
        ({"age_years": 40, "consciousness": "drowsy"}, "consciousness", "unknown_code"),
        ({"age_years": 40, "seizure": "yes"}, "seizure", "unknown_code"),
        ({"age_years": 40, "assessment_tool": "MMSE"}, "assessment_tool", "unknown_code"),
        ({"age_years": 40, "raised_icp_or_cerebral_edema": "edema"}, "raised_icp_or_cerebral_edema", "unknown_code"),
    ],
    ("score", "hematotox"): [
        ({**GOOD_LABS, "platelets": lab(-5, "10^9/L")}, "platelets", "out_of_range"),
        ({**GOOD_LABS, "crp": lab(-1, "mg/dL")}, "crp", "out_of_range"),
        ({**GOOD_LABS, "ferritin": lab(100, "pmol/L")}, "ferritin.unit", "unknown_unit"),
        ({**GOOD_LABS, "hemoglobin": lab(10, "mg/dL")}, "hemoglobin.unit", "unknown_unit"),
        ({**GOOD_LABS, "crp": lab(1, "g/L")}, "crp.unit", "unknown_unit"),
        ({**GOOD_LABS, "ferritin": lab(1, "mg/L")}, "ferritin.unit", "unknown_unit"),
        ({**GOOD_LABS, "platelets": lab(100, "mmol/L")}, "platelets.unit", "unknown_unit"),
        ({**GOOD_LABS, "platelets": 100}, "platelets", "invalid_type"),
        ({**GOOD_LABS, "platelets": {"value": 100}}, "platelets.unit", "missing_unit"),
        ({**GOOD_LABS, "anc": lab("1", "10^9/L")}, "anc.value", "invalid_type"),
    ],
    ("score", "easix"): [
        ({"ldh": lab(250, "U/L"), "platelets": lab(0, "10^9/L")}, "platelets", "out_of_range"),
        ({"ldh": lab(-1, "U/L"), "platelets": lab(100, "10^9/L")}, "ldh", "out_of_range"),
        ({"ldh": lab(250, "mg/dL"), "platelets": lab(100, "10^9/L")}, "ldh.unit", "unknown_unit"),
    ],
}
GOOD = {("prescreen",): {"age_years": 60}, ("grade", "crs"): {"temperature_c": 38.5},
        ("grade", "icans"): {"age_years": 40, "ice_score": 10}, ("score", "hematotox"): GOOD_LABS,
        ("score", "easix"): {"ldh": lab(250, "U/L"), "platelets": lab(100, "10^9/L")}}


@pytest.mark.parametrize("command", list(BAD), ids=" ".join)
def test_each_bad_record_gets_an_error_naming_the_field_and_the_batch_goes_on(command):
    lines = [json.dumps({"id": "first", **GOOD[command]})]
    for n, (record, _, _) in enumerate(BAD[command]):
        lines.append(json.dumps({"id": f"bad{n}", **record}))
    lines += ["{not json", "[1, 2]", '"text"', "   ", json.dumps(GOOD[command]),
              json.dumps({"id": ["a"], **GOOD[command]}), json.dumps({"id": "last", **GOOD[command]})]
    code, out = run(command, lines)
    assert code == 1
    # one output per non-blank line, in order, ids echoed
    assert [r.get("id") for r in out] == (["first"] + [f"bad{n}" for n in range(len(BAD[command]))]
                                          + [None, None, None, None, ["a"], "last"])
    assert "error" not in out[0] and "error" not in out[-1]
    for n, (_, field, code_) in enumerate(BAD[command]):
        error = out[1 + n]["error"]
        assert error["code"] == code_, (field, error)
        assert error["message"].startswith(field), (field, error)
    tail = out[1 + len(BAD[command]):]
    assert [r["error"]["code"] for r in tail[:-1]] == [
        "invalid_json", "invalid_record", "invalid_record", "missing_field", "invalid_type"]
    assert tail[3]["error"]["message"].startswith("id")
    assert tail[4]["error"]["message"].startswith("id")
