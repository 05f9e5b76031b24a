from __future__ import annotations

import numpy as np
import pytest

from cartpath.matching import Filters, TrialIndex, search
from cartpath.matching.facets import haversine_km
from cartpath.matching.trial import Intervention, Location, Trial


def make_trials() -> list[Trial]:
    return [
        Trial("NCT00000011", title="Anti-CD19 CAR T cells for relapsed large B-cell lymphoma",
              conditions=["Diffuse Large B-Cell Lymphoma"],
              interventions=[Intervention("BIOLOGICAL", "CD19 CAR-T cells")],
              overall_status="RECRUITING", phases=["PHASE2"], sex="ALL", min_age_years=18,
              locations=[Location(city="Boston", lat=42.36, lon=-71.06)]),
        Trial("NCT00000012", title="BCMA CAR-T for relapsed multiple myeloma",
              conditions=["Multiple Myeloma"],
              interventions=[Intervention("BIOLOGICAL", "ciltacabtagene autoleucel")],
              overall_status="RECRUITING", phases=["PHASE1", "PHASE2"], sex="ALL",
              min_age_years=18, max_age_years=70,
              locations=[Location(city="Houston", lat=29.76, lon=-95.37)]),
        Trial("NCT00000013", title="Teclistamab bispecific antibody in myeloma",
              conditions=["Multiple Myeloma"],
              interventions=[Intervention("DRUG", "teclistamab")],
              overall_status="COMPLETED", phases=["PHASE3"]),
        Trial("NCT00000014", title="Ovarian cancer screening in women",
              conditions=["Ovarian Cancer"], overall_status="RECRUITING", sex="FEMALE",
              min_age_years=40),
    ]


@pytest.fixture(scope="module")
def index() -> TrialIndex:
    return TrialIndex.build(make_trials())


def ids(hits):
    return [h.nct_id for h in hits]


def test_free_text_finds_the_trial_about_the_disease(index):
    assert ids(index.search("relapsed multiple myeloma"))[:2] == ["NCT00000012", "NCT00000013"] or \
        ids(index.search("relapsed multiple myeloma"))[0] in {"NCT00000012", "NCT00000013"}
    assert ids(index.search("large B-cell lymphoma"))[0] == "NCT00000011"


def test_status_and_phase_filters(index):
    assert set(ids(search(index, "myeloma", Filters(statuses=["RECRUITING"])))) == {"NCT00000012"}
    assert ids(search(index, "", Filters(phases=["PHASE3"]))) == ["NCT00000013"]


def test_age_filter_keeps_trials_without_documented_limits(index):
    found = set(ids(search(index, "", Filters(age_years=75))))
    assert "NCT00000012" not in found  # max 70
    assert "NCT00000013" in found  # no limits documented: a coordinator must look


def test_sex_filter_drops_trials_for_the_other_sex_only(index):
    found = set(ids(search(index, "", Filters(sex="male"))))
    assert "NCT00000014" not in found and "NCT00000011" in found


def test_antigen_and_modality_are_detected_from_the_trial_text(index):
    assert ids(search(index, "", Filters(antigens=["BCMA"]))) == ["NCT00000012", "NCT00000013"]
    assert ids(search(index, "", Filters(antigens=["CD19"]))) == ["NCT00000011"]
    assert set(ids(search(index, "", Filters(modalities=["CAR-T"])))) == {"NCT00000011",
                                                                          "NCT00000012"}
    assert ids(search(index, "", Filters(modalities=["bispecific"]))) == ["NCT00000013"]


def test_distance_filter_uses_the_nearest_site(index):
    near_boston = Filters(near=(42.0, -71.0), max_distance_km=100)
    hits = search(index, "", near_boston)
    assert ids(hits) == ["NCT00000011"]
    assert hits[0].distance_km == pytest.approx(
        float(haversine_km(42.0, -71.0, 42.36, -71.06)), abs=0.1)


def test_haversine_matches_a_known_distance():
    # Boston -> Houston is about 2,580 km great-circle
    assert float(haversine_km(42.36, -71.06, 29.76, -95.37)) == pytest.approx(2580, rel=0.01)


def test_the_index_saved_to_disk_loads_and_answers_the_same(index, tmp_path):
    index.save(tmp_path / "idx")
    loaded = TrialIndex.load(tmp_path / "idx")
    assert len(loaded) == len(index)
    for query in ("myeloma", "CD19 lymphoma", "ovarian"):
        assert ids(loaded.search(query)) == ids(index.search(query))
    assert loaded.trial(1).title == index.trial(1).title
    assert np.array_equal(loaded.facets.antigen_bits, index.facets.antigen_bits)
