from django.urls import reverse

from cartpath.screening.models import PrescreenRun

LBCL_EARLY_RELAPSE = {
    "age_years": 58, "disease": "LBCL", "histology": "DLBCL_NOS", "disease_status": "relapsed",
    "n_prior_lines": 1, "months_from_end_of_1L_to_relapse": 7,
    "prior_lines": [{"line": 1, "regimen": "R-CHOP", "best_response": "CR"}],
}


def with_intake(case, facts):  # noqa: ANN001, ANN201
    case.intake = {"facts": facts}
    case.save()
    return case


def test_a_navigator_runs_the_prescreen_and_sees_each_criterion(world, login):  # noqa: ANN001
    case = with_intake(world.alice_case, LBCL_EARLY_RELAPSE)
    client = login(world.nina)
    client.post(reverse("screening:run", args=[case.public_id]))
    run = PrescreenRun.objects.get(case=case)
    assert run.result["products"]["axi-cel"]["status"] == "eligible"
    page = client.get(reverse("screening:case", args=[case.public_id])).content.decode()
    assert "On-label candidate — to be confirmed by the treating team" in page
    assert "AXI-LBCL-2L" in page and "age at least 18 years" in page
    assert "you are eligible" not in page.lower()


def test_missing_facts_stay_unknown_and_name_the_document_to_request(world, login):  # noqa: ANN001
    case = with_intake(world.alice_case, {"disease": "MM", "age_years": 60})
    client = login(world.nina)
    client.post(reverse("screening:run", args=[case.public_id]))
    result = PrescreenRun.objects.get(case=case).result["products"]["cilta-cel"]
    assert result["status"] == "unknown" and result["missing"]


def test_a_request_task_is_made_from_a_missing_document(world, login):  # noqa: ANN001
    client = login(world.nina)
    client.post(reverse("screening:request_document", args=[world.alice_case.public_id]),
                {"document": "end-of-treatment PET/CT report"})
    assert world.alice_case.tasks.get().title == "Request end-of-treatment PET/CT report"


def test_another_team_cannot_run_or_read_the_prescreen(world, login):  # noqa: ANN001
    client = login(world.greg)
    assert client.post(reverse("screening:run", args=[world.alice_case.public_id])
                       ).status_code == 404
    assert client.get(reverse("screening:case", args=[world.alice_case.public_id])
                      ).status_code == 404


def test_the_api_prescreens_case_facts(world, login):  # noqa: ANN001
    response = login(world.nina).post("/api/prescreen", {"id": "c1", **LBCL_EARLY_RELAPSE},
                                      content_type="application/json")
    assert response.status_code == 200
    assert response.json()["products"]["axi-cel"]["indication_ids"] == ["AXI-LBCL-2L"]


def test_the_api_names_the_bad_field(world, login):  # noqa: ANN001
    response = login(world.nina).post("/api/prescreen", {"age_years": -3},
                                      content_type="application/json")
    assert response.status_code == 422
    assert "age_years" in response.json()["detail"]


def test_the_api_grades_crs(world, login):  # noqa: ANN001
    response = login(world.dana).post("/api/grade/crs", {
        "temperature_c": 38.6, "hypotension": True, "vasopressors_excluding_vasopressin": 1,
        "oxygen_device": "nasal_cannula", "oxygen_flow_l_min": 2},
        content_type="application/json")
    assert response.json()["grade"] == 3


def test_the_api_refuses_a_body_that_is_not_an_object(world, login):  # noqa: ANN001
    response = login(world.dana).post("/api/score/easix", [1, 2],
                                      content_type="application/json")
    assert response.status_code == 422


def test_the_case_api_runs_the_prescreen(world, login):  # noqa: ANN001
    with_intake(world.alice_case, LBCL_EARLY_RELAPSE)
    response = login(world.nina).post(f"/api/cases/{world.alice_case.public_id}/prescreen")
    assert response.status_code == 200 and response.json()["run_id"]


def test_status_codes_are_shown_as_on_label_candidate_not_as_eligible():
    from cartpath.screening.templatetags.verdicts import verdict_label

    assert verdict_label("eligible") == "on-label candidate"
    assert verdict_label("not_eligible") == "not on-label"
