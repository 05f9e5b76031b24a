from django.urls import reverse

from cartpath.trials.models import ShortlistEntry
from cartpath.trials.registry import load_index

MM_FACTS = {"age_years": 60, "sex": "male", "disease": "MM", "disease_status": "relapsed",
            "n_prior_lines": 4, "prior_bcma_therapy": False}


def myeloma_case(world):  # noqa: ANN001, ANN201
    case = world.alice_case
    case.diagnosis_summary = "relapsed refractory multiple myeloma after 4 lines"
    case.intake = {"facts": MM_FACTS}
    case.save()
    return case


def a_bcma_trial() -> str:
    index = load_index()
    return next(index.trial(i).nct_id for i in range(len(index))
                if "BCMA" in index.trial(i).title)


def test_the_demo_registry_holds_real_car_t_trials(db):  # noqa: ANN001
    assert len(load_index()) > 300


def test_a_navigator_searches_the_registry_by_words_and_target(world, login):  # noqa: ANN001
    page = login(world.nina).get(reverse("trials:search"),
                                 {"q": "myeloma", "antigen": "BCMA"}).content.decode()
    assert "BCMA" in page and "NCT" in page


def test_the_case_tab_ranks_trials_with_criterion_counts(world, login):  # noqa: ANN001
    case = myeloma_case(world)
    page = login(world.nina).get(reverse("trials:case", args=[case.public_id])).content.decode()
    assert "myeloma" in page.lower() and "Shortlist" in page


def test_a_navigator_shortlists_a_trial_and_the_family_sees_it_in_plain_words(
        world, login):  # noqa: ANN001
    case = myeloma_case(world)
    nct_id = a_bcma_trial()
    login(world.nina).post(reverse("trials:shortlist_add", args=[case.public_id]),
                           {"nct_id": nct_id, "note": "Ask about slots"})
    entry = ShortlistEntry.objects.get(case=case)
    assert entry.nct_id == nct_id and entry.added_by == world.nina
    page = login(world.alice).get(reverse("trials:family", args=[case.public_id]))
    assert nct_id in page.content.decode() and "Only the study team can say" in page.content.decode()


def test_short_listing_twice_keeps_one_entry(world, login):  # noqa: ANN001
    case = myeloma_case(world)
    nct_id = a_bcma_trial()
    client = login(world.nina)
    for _ in range(2):
        client.post(reverse("trials:shortlist_add", args=[case.public_id]), {"nct_id": nct_id})
    assert ShortlistEntry.objects.filter(case=case).count() == 1


def test_an_unknown_trial_cannot_be_shortlisted(world, login):  # noqa: ANN001
    response = login(world.nina).post(
        reverse("trials:shortlist_add", args=[world.alice_case.public_id]),
        {"nct_id": "NCT99999999"}, follow=True)
    assert b"not in the local registry" in response.content


def test_the_trial_page_shows_each_criterion_for_the_case(world, login):  # noqa: ANN001
    case = myeloma_case(world)
    index = load_index()
    nct_id = next(index.trial(i).nct_id for i in range(len(index))
                  if index.trial(i).eligibility_text)
    response = login(world.nina).get(reverse("trials:trial", args=[case.public_id, nct_id]))
    assert response.status_code == 200 and b"Criterion by criterion" in response.content


def test_another_team_and_patients_cannot_reach_the_case_trials(world, login):  # noqa: ANN001
    url = reverse("trials:case", args=[world.alice_case.public_id])
    assert login(world.greg).get(url).status_code == 404
    assert login(world.alice).get(url).status_code == 403
    assert login(world.bob).get(reverse("trials:family", args=[world.alice_case.public_id])
                                ).status_code == 404


def test_the_api_ranks_trials_for_a_case(world, login):  # noqa: ANN001
    case = myeloma_case(world)
    response = login(world.nina).get(f"/api/trials/cases/{case.public_id}")
    assert response.status_code == 200 and response.json()[0]["nct_id"].startswith("NCT")
    assert login(world.alice).get(f"/api/trials/cases/{case.public_id}").status_code == 403
