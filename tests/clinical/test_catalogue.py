"""The product catalogue is data: seven products, every indication of §2.2, sourced and reviewed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cartpath.clinical import CatalogueError, load_catalogue, prescreen
from cartpath.clinical.catalogue import CATALOGUE_FILE, SOURCES_FILE
from tests.paths import SHARED

FIXTURE = Path(__file__).parent / "data" / "anito-cel-fixture.json"
SEVEN = {"axi-cel", "tisa-cel", "liso-cel", "ide-cel", "cilta-cel", "brexu-cel", "obe-cel"}
TABLE_IDS = {
    "AXI-LBCL-2L", "AXI-LBCL-3L", "AXI-FL", "TISA-ALL", "TISA-LBCL", "TISA-FL", "LISO-LBCL-2L-EARLY",
    "LISO-LBCL-2L-TI", "LISO-LBCL-3L", "LISO-CLL", "LISO-FL", "LISO-MCL", "LISO-MZL", "IDE-MM",
    "CILTA-MM", "BREXU-MCL", "BREXU-ALL", "OBE-ALL",
}
MM_CASE = {"id": "mm", "age_years": 60, "disease": "MM", "histology": "multiple_myeloma",
           "disease_status": "relapsed", "n_prior_lines": 3,
           "prior_lines": [{"line": 1, "regimen": "VRd"}, {"line": 2, "regimen": "Dara-Pd"},
                           {"line": 3, "regimen": "Kd"}]}


def test_it_lists_the_seven_approved_products():
    assert set(load_catalogue().products) == SEVEN


def test_it_holds_every_indication_of_the_reference_table():
    assert set(load_catalogue().indications) == TABLE_IDS


def test_the_catalogue_has_a_version_and_a_review_date():
    raw = json.loads(CATALOGUE_FILE.read_text())
    assert raw["version"] and dt.date.fromisoformat(raw["reviewed"])
    for product in load_catalogue().products.values():
        assert dt.date.fromisoformat(product.reviewed)
        for indication in product.indications:
            assert dt.date.fromisoformat(indication.reviewed)


def _walk_sources(node, path="catalogue"):
    """Yield (path, sources) for every sourced object (anything carrying a 'sources' list)."""
    if isinstance(node, dict):
        if "sources" in node:
            yield path, node["sources"]
        for key, value in node.items():
            yield from _walk_sources(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_sources(value, f"{path}[{index}]")


def test_every_sourced_value_cites_a_key_of_the_source_table():
    known = {s["key"]: s for s in json.loads(SOURCES_FILE.read_text())["sources"]}
    raw = json.loads(CATALOGUE_FILE.read_text())
    problems = []
    for path, sources in _walk_sources(raw):
        if not sources:
            problems.append(f"{path}: no source key")
        for key in sources:
            if key not in known:
                problems.append(f"{path}: {key} is not in the source table")
            elif known[key]["rating"] == "reject":
                problems.append(f"{path}: {key} is a rejected source")
    assert not problems, "\n".join(problems)


def test_every_indication_criterion_and_rule_resolves_to_the_source_table():
    catalogue = load_catalogue()
    from cartpath.clinical.criteria import compile_indication

    for name, rule in catalogue.rules.items():
        assert rule.sources and all(k in catalogue.sources for k in rule.sources), name
    for indication in catalogue.indications.values():
        assert indication.sources and all(k in catalogue.sources for k in indication.sources)
        assert indication.approval.sources and all(k in catalogue.sources for k in indication.approval.sources)
        for criterion in compile_indication(indication, catalogue):
            assert criterion.sources, (indication.id, criterion.code)
            assert all(k in catalogue.sources for k in criterion.sources), (indication.id, criterion.code)


def test_every_value_carries_a_confidence_tag():
    raw = json.loads(CATALOGUE_FILE.read_text())
    for path, _ in _walk_sources(raw):
        node = raw
        # navigate back to the node to read its confidence
        for part in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path[len("catalogue"):]):
            node = node[part[0]] if part[0] else node[int(part[1])]
        if "confidence" in node:
            assert node["confidence"] in {"V", "R", "?"}, path


def test_the_source_table_matches_the_reference_section_11():
    reference = SHARED / "reference" / "clinical-facts.md"
    if not reference.exists():
        pytest.skip("shared reference not mounted")
    text = reference.read_text().split("## 11. Source key", 1)[1]
    keys = {s["key"] for s in json.loads(SOURCES_FILE.read_text())["sources"]}
    for key in re.findall(r"^\| (S-[A-Z0-9*-]+)", text, re.M):
        assert key in keys


def test_criteria_mirror_the_machine_readable_table():
    catalogue = load_catalogue()
    ind = catalogue.indications
    assert ind["AXI-LBCL-2L"].max_prior_lines == 1 and ind["LISO-LBCL-2L-TI"].max_prior_lines == 1
    assert ind["TISA-ALL"].age_max == 25 and ind["TISA-ALL"].age_min is None
    assert "PMBCL" not in ind["TISA-LBCL"].histologies and "PMBCL" in ind["AXI-LBCL-3L"].histologies
    assert "FL_grade_3B" in ind["LISO-LBCL-3L"].histologies
    assert ind["IDE-MM"].required_prior == ("IMiD", "PI", "anti_CD38_mAb")
    assert ind["CILTA-MM"].state_terms == (("relapsed_or_refractory",), ("lenalidomide_refractory",))
    assert ind["BREXU-MCL"].required_prior == () and ind["LISO-MCL"].required_prior == ("BTK_inhibitor",)
    assert set(ind["LISO-CLL"].required_prior) == {"BTK_inhibitor", "BCL2_inhibitor"}


def test_administration_accessors_give_the_label_schedules():
    c = load_catalogue()
    axi = c.product("axi-cel").administration_for("AXI-LBCL-2L")
    assert axi.lymphodepletion.days == (-5, -4, -3) and axi.infusion.day == 0
    brexu_all = c.product("brexu-cel").administration_for("BREXU-ALL")
    assert brexu_all.lymphodepletion.days == (-4, -3, -2)
    obe = c.product("obe-cel").administration_for("OBE-ALL").infusion
    assert [(s.day, s.tolerance_days) for s in obe.split_doses] == [(1, 0), (10, 2)]
    assert c.product("cilta-cel").administration_for("CILTA-MM").infusion.repeat_ld_if_delay_gt_days == 14
    assert c.product("ide-cel").administration_for("IDE-MM").infusion.max_delay_days == 7
    assert c.product("liso-cel").administration_for("LISO-MCL").infusion.window_days_after_ld_end == (2, 7)
    assert c.product("tisa-cel").administration_for("TISA-FL").infusion.window_days_after_ld_end == (2, 6)
    assert c.product("tisa-cel").administration_for("TISA-ALL").lymphodepletion.days is None


def test_monitoring_rules_follow_the_june_2025_rems_removal():
    axi = load_catalogue().product("axi-cel")
    now = axi.monitoring_rules(dt.date(2026, 1, 1))
    assert now.era == "post_2025"
    assert (now.monitoring_min_days.value, now.daily_monitoring_min_days.value,
            now.stay_near_centre_min_days.value, now.no_driving_min_days.value) == (14, 7, 14, 14)
    before = axi.monitoring_rules(dt.date(2025, 6, 25))
    assert before.era == "legacy" and before.no_driving_min_days.value == 56
    assert before.stay_near_centre_min_days.value == 28
    cilta = load_catalogue().product("cilta-cel").monitoring_rules(dt.date(2024, 1, 1))
    assert cilta.daily_monitoring_min_days.value == 10
    tecartus_all = load_catalogue().product("brexu-cel").monitoring_rules(dt.date(2024, 1, 1), "BREXU-ALL")
    assert tecartus_all.daily_monitoring_min_days.value == 14


def test_aucatzyl_monitoring_is_marked_unverified():
    obe = load_catalogue().product("obe-cel").monitoring_rules(dt.date(2026, 1, 1))
    assert obe.no_driving_min_days.confidence == "?"
    assert any(u.item == 4 for u in obe.unverified)


def test_anito_cel_is_pending_not_a_product():
    catalogue = load_catalogue()
    assert "anito-cel" not in catalogue.products
    assert catalogue.pending[0]["code"] == "anito-cel"


def test_a_product_is_added_by_a_data_file_passed_to_the_loader():
    catalogue = load_catalogue(extra_paths=[FIXTURE])
    assert "anito-cel" in catalogue.products and "anito-cel" in catalogue.version
    result = prescreen(MM_CASE, catalogue)
    verdict = result["products"]["anito-cel"]
    assert verdict["status"] == "eligible" and verdict["indication_ids"] == ["ANITO-MM-FIXTURE"]
    assert "unverified:anito_cel_approval_unverified" in verdict["flags"]
    assert result["catalogue_version"] == catalogue.version


def test_a_product_is_added_through_the_environment_variable(monkeypatch):
    monkeypatch.setenv("CARTPATH_CATALOGUE_EXTRA", str(FIXTURE.parent))
    result = prescreen(MM_CASE, load_catalogue())
    assert "anito-cel" in result["products"]
    monkeypatch.delenv("CARTPATH_CATALOGUE_EXTRA")
    assert "anito-cel" not in prescreen(MM_CASE, load_catalogue())["products"]


def test_a_malformed_product_file_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"products": [{"code": "x-cel", "brand": "X"}]}))
    with pytest.raises(CatalogueError):
        load_catalogue(extra_paths=[bad])


def test_an_unknown_disease_state_rule_is_refused(tmp_path):
    doc = json.loads(FIXTURE.read_text())
    doc["products"][0]["indications"][0]["state"] = "relapsed_or_refractory AND moon_phase_full"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(CatalogueError):
        prescreen(MM_CASE, load_catalogue(extra_paths=[path]))
