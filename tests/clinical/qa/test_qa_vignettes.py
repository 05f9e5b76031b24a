"""Independent QA vignettes run through the real batch commands, as the contract specifies.

Each data file holds one vignette a line: `case` (the input record), `expect` (derived by hand
from shared/reference/clinical-facts.md, section in `ref`) and `note`. Written without reading
the implementation. Pre-screen expectations name a status per product (products not named must
be `not_eligible`), optionally `indication_ids` (compared as a set), `unmet_includes` and
`missing_includes` (codes that must appear).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PRODUCTS = ("axi-cel", "tisa-cel", "liso-cel", "ide-cel", "cilta-cel", "brexu-cel", "obe-cel")


def load(name):
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=None)
def run_batch(command: tuple[str, ...], name: str) -> tuple[int, dict]:
    text = "".join(json.dumps(v["case"]) + "\n" for v in load(name))
    done = subprocess.run([sys.executable, "-m", "cartpath.cli", *command, "--input", "-", "--output", "-"],
                          input=text, capture_output=True, text=True, timeout=120)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == len(load(name)), done.stderr
    return done.returncode, {r["id"]: r for r in records}


def ids(name):
    return [pytest.param(v, id=v["case"]["id"]) for v in load(name)]


def test_every_vignette_batch_runs_clean():
    for command, name in ((("prescreen",), "prescreen_vignettes.jsonl"), (("grade", "crs"), "crs_vignettes.jsonl"),
                          (("grade", "icans"), "icans_vignettes.jsonl"),
                          (("score", "hematotox"), "hematotox_vignettes.jsonl"),
                          (("score", "easix"), "easix_vignettes.jsonl")):
        code, records = run_batch(command, name)
        assert code == 0, [r for r in records.values() if "error" in r]


@pytest.mark.parametrize("vignette", ids("prescreen_vignettes.jsonl"))
def test_prescreen_vignette_matches_the_reference(vignette):
    _, records = run_batch(("prescreen",), "prescreen_vignettes.jsonl")
    out = records[vignette["case"]["id"]]
    assert "error" not in out, out
    expect = vignette["expect"]
    problems = []
    for product in PRODUCTS:
        got = out["products"][product]
        want = expect.get(product, {"status": "not_eligible"})
        if got["status"] != want["status"]:
            problems.append(f"{product}: status {got['status']} != {want['status']} (unmet={got['unmet']}, missing={got['missing']})")
            continue
        if "indication_ids" in want and set(got["indication_ids"]) != set(want["indication_ids"]):
            problems.append(f"{product}: indication_ids {got['indication_ids']} != {want['indication_ids']}")
        if not set(want.get("unmet_includes", [])) <= set(got["unmet"]):
            problems.append(f"{product}: unmet {got['unmet']} lacks {want['unmet_includes']}")
        if not set(want.get("missing_includes", [])) <= set(got["missing"]):
            problems.append(f"{product}: missing {got['missing']} lacks {want['missing_includes']}")
        if (got["status"] == "not_eligible") != bool(got["unmet"]):
            problems.append(f"{product}: unmet must be non-empty exactly when not_eligible")
        if (got["status"] == "unknown") != bool(got["missing"]):
            problems.append(f"{product}: missing must be non-empty exactly when unknown")
    for product in expect.get("_flags_nonempty", []):
        if not out["products"][product]["flags"]:
            problems.append(f"{product}: expected an advisory flag")
    assert not problems, f"{vignette['note']} [{vignette['ref']}]: " + "; ".join(problems)


@pytest.mark.parametrize("vignette", ids("crs_vignettes.jsonl"))
def test_crs_vignette_matches_astct(vignette):
    _, records = run_batch(("grade", "crs"), "crs_vignettes.jsonl")
    out = records[vignette["case"]["id"]]
    assert out.get("grade") == vignette["expect"]["grade"], f"{vignette['note']} [{vignette['ref']}]: {out}"
    assert out.get("explanation")


@pytest.mark.parametrize("vignette", ids("icans_vignettes.jsonl"))
def test_icans_vignette_matches_astct(vignette):
    _, records = run_batch(("grade", "icans"), "icans_vignettes.jsonl")
    out = records[vignette["case"]["id"]]
    assert out.get("grade") == vignette["expect"]["grade"], f"{vignette['note']} [{vignette['ref']}]: {out}"
    assert out.get("explanation")


@pytest.mark.parametrize("vignette", ids("hematotox_vignettes.jsonl"))
def test_hematotox_vignette_matches_rejeski(vignette):
    _, records = run_batch(("score", "hematotox"), "hematotox_vignettes.jsonl")
    out = records[vignette["case"]["id"]]
    want = vignette["expect"]
    got = {k: out.get(k) for k in ("score", "risk_group", "component_points")}
    assert got == want, f"{vignette['note']} [{vignette['ref']}]: {out}"


@pytest.mark.parametrize("vignette", ids("easix_vignettes.jsonl"))
def test_easix_vignette_matches_the_formulas(vignette):
    _, records = run_batch(("score", "easix"), "easix_vignettes.jsonl")
    out = records[vignette["case"]["id"]]
    for key, want in vignette["expect"].items():
        got = out.get(key)
        if want is None:
            assert got is None, f"{key}: {got}"
        else:
            assert got is not None and math.isclose(got, want, rel_tol=1e-3), f"{vignette['note']}: {key} {got} != {want}"
