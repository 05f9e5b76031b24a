from __future__ import annotations

import json

from cartpath.matching.trial import (normalise_phases, normalise_status, parse_age,
                                     trial_from_record)


def test_it_reads_a_trialgpt_record_with_its_structured_metadata(data_dir):
    record = json.loads((data_dir / "trialgpt_tiny.jsonl").read_text().splitlines()[1])
    trial = trial_from_record(record)
    assert trial.nct_id == "NCT00000152"
    assert trial.sex == "MALE"
    assert (trial.min_age_years, trial.max_age_years) == (40.0, 84.0)
    assert trial.overall_status and trial.overall_status.isupper()
    assert trial.eligibility_text


def test_it_reads_an_api_v2_study_with_locations_and_interventions(v2_dir):
    study = json.loads((v2_dir / "get_nct02576665_20260811.json").read_text())
    trial = trial_from_record(study)
    assert trial.nct_id == "NCT02576665"
    assert trial.overall_status == "TERMINATED"
    assert trial.phases == ["PHASE1"]
    assert (trial.min_age_years, trial.max_age_years) == (18.0, 75.0)
    assert "Lymphoma" in trial.conditions
    assert "Toca 511" in trial.intervention_names
    assert trial.locations[0].lat is not None and trial.locations[0].city == "Denver"


def test_it_reads_the_flat_cart_extract_through_its_v2_part(data_dir):
    record = json.loads((data_dir / "cart_tiny.jsonl").read_text().splitlines()[0])
    trial = trial_from_record(record)
    assert trial.nct_id == "NCT01087294"
    assert "CD19" in trial.title
    assert trial.eligibility_text == ""  # the extract has none: stays empty, not invented


def test_ages_convert_to_years_and_na_means_no_limit():
    assert parse_age("18 Years") == 18.0
    assert parse_age("6 Months") == 0.5
    assert parse_age("N/A") is None
    assert parse_age(None) is None


def test_phases_and_statuses_normalise_to_the_api_v2_enums():
    assert normalise_phases("Phase 1/Phase 2") == ["PHASE1", "PHASE2"]
    assert normalise_phases("Early Phase 1") == ["EARLY_PHASE1"]
    assert normalise_phases(["PHASE3"]) == ["PHASE3"]
    assert normalise_phases("N/A") == ["NA"]
    assert normalise_status("Active, not recruiting") == "ACTIVE_NOT_RECRUITING"
    assert normalise_status("Not yet recruiting") == "NOT_YET_RECRUITING"
