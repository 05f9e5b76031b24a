"""The batch commands end to end: JSON Lines in and out, bad lines reported, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "data" / "anito-cel-fixture.json"


def run(args, text, tmp_path, env=None):
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cartpath.cli", *args, "--input", str(source),
                           "--output", str(target)], capture_output=True, text=True, env=env, timeout=60)
    return done.returncode, [json.loads(line) for line in target.read_text().splitlines()]


def test_prescreen_processes_every_line_and_reports_the_bad_one(tmp_path):
    lines = [
        {"id": "a", "age_years": 60, "disease": "LBCL", "histology": "DLBCL_NOS", "disease_status": "refractory",
         "n_prior_lines": 1, "primary_refractory": True},
        {"id": "b", "age_years": -3, "disease": "LBCL"},
        {"id": "c", "age_years": 30, "disease": "B_ALL", "disease_status": "relapsed", "n_prior_lines": 1},
    ]
    text = json.dumps(lines[0]) + "\n" + json.dumps(lines[1]) + "\n{not json\n\n" + json.dumps(lines[2]) + "\n"
    code, out = run(["prescreen"], text, tmp_path)
    assert code == 1
    assert [r.get("id") for r in out] == ["a", "b", None, "c"]
    assert out[0]["products"]["axi-cel"]["status"] == "eligible"
    assert out[1]["error"]["code"] == "out_of_range" and "age_years" in out[1]["error"]["message"]
    assert out[2]["error"]["code"] == "invalid_json"
    assert out[3]["products"]["obe-cel"]["status"] == "eligible"


def test_a_clean_batch_exits_0(tmp_path):
    code, out = run(["prescreen"], json.dumps({"id": "x"}) + "\n", tmp_path)
    assert code == 0 and out[0]["id"] == "x"
    assert all(v["status"] == "unknown" for v in out[0]["products"].values())


def test_prescreen_loads_extra_products_from_the_environment(tmp_path):
    import os

    env = {**os.environ, "CARTPATH_CATALOGUE_EXTRA": str(FIXTURE)}
    code, out = run(["prescreen"], json.dumps({"id": "x", "disease": "MM"}) + "\n", tmp_path, env)
    assert code == 0 and "anito-cel" in out[0]["products"]


def test_grade_crs_and_icans(tmp_path):
    code, out = run(["grade", "crs"], "\n".join(json.dumps(r) for r in [
        {"id": "1", "temperature_c": 39, "hypotension": True, "vasopressors_excluding_vasopressin": 2},
        {"id": "2", "temperature_c": 39, "oxygen_device": "tent"}]) + "\n", tmp_path)
    assert code == 1 and out[0] == {**out[0], "id": "1", "grade": 4}
    assert "oxygen_device" in out[1]["error"]["message"]
    code, out = run(["grade", "icans"], json.dumps({"id": "i", "age_years": 40, "ice_score": 14}) + "\n", tmp_path)
    assert code == 1 and "ice_score" in out[0]["error"]["message"]
    code, out = run(["grade", "icans"], json.dumps({"id": "j", "age_years": 40, "ice_score": 5}) + "\n", tmp_path)
    assert code == 0 and out[0]["grade"] == 2 and "explanation" in out[0]


def test_score_hematotox_and_easix(tmp_path):
    record = {"id": "h", "platelets": {"value": 150000, "unit": "/uL"}, "anc": {"value": 1500, "unit": "/uL"},
              "hemoglobin": {"value": 95, "unit": "g/L"}, "crp": {"value": 20, "unit": "mg/L"},
              "ferritin": {"value": 700, "unit": "ug/L"}}
    code, out = run(["score", "hematotox"], json.dumps(record) + "\n", tmp_path)
    assert code == 0
    assert out[0]["score"] == 2 and out[0]["risk_group"] == "high"
    assert out[0]["component_points"] == {"platelets": 1, "anc": 0, "hemoglobin": 0, "crp": 0, "ferritin": 1}
    code, out = run(["score", "easix"], json.dumps({"id": "e", "ldh": {"value": 250, "unit": "U/L"},
                                                    "platelets": {"value": 100, "unit": "10^9/L"}}) + "\n", tmp_path)
    assert code == 0 and out[0]["simplified_easix"] == 2.5 and out[0]["easix"] is None


def test_the_clinical_commands_do_not_import_django():
    code = ("import sys, cartpath.cli.clinical, cartpath.clinical;"
            "from cartpath.cli.clinical import register;"
            "import argparse; p = argparse.ArgumentParser(); register(p.add_subparsers());"
            "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
