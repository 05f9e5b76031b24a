from __future__ import annotations

import pytest
from django.urls import reverse

from cartpath.vault.facts import case_facts_for_prescreen, case_fields
from cartpath.vault.models import Document, Fact
from tests.vault import builders

OTHER = """CONSULTATION NOTE
Reason for consultation: lymphoma.
The patient is a 57-year-old woman. ECOG performance status 1.
"""


@pytest.fixture
def facts(world, upload_as):  # noqa: ANN001, ANN201
    upload_as(world.alice, world.alice_case, ("pathology.pdf", builders.text_pdf()),
              ("consult.txt", OTHER.encode()))
    return Fact.objects.filter(case=world.alice_case)


def _review(client, case, fact, action, **extra):  # noqa: ANN001, ANN003, ANN202
    return client.post(reverse("vault:review_fact", args=[case.public_id, fact.public_id]),
                       {"action": action, **extra})


def test_each_fact_keeps_its_evidence(world, facts):
    age = facts.get(field="age_years", value=55)
    page_text = builders.REPORT
    assert age.page == 1 and "55-year-old" in age.text
    assert age.evidence and {"field", "page", "start", "end", "text"} <= set(age.evidence[0])
    assert age.text in page_text


def test_two_documents_with_different_ages_show_a_conflict(world, facts, login):
    fields = {f.field: f for f in case_fields(world.alice_case)}
    assert fields["age_years"].conflict
    assert not fields["ecog"].conflict
    page = login(world.nina).get(reverse("vault:case_facts", args=[world.alice_case.public_id]))
    assert b"Conflict" in page.content and b"55-year-old" in page.content


def test_proposed_facts_never_reach_the_prescreen(world, facts):
    found = case_facts_for_prescreen(world.alice_case)["facts"]
    assert "age_years" not in found and "ecog" not in found
    assert found["id"] == world.alice_case.public_id


def test_a_confirmed_fact_reaches_the_prescreen_with_who_confirmed_it(world, facts, login):
    ecog = facts.filter(field="ecog").first()
    _review(login(world.nina), world.alice_case, ecog, "confirm")
    result = case_facts_for_prescreen(world.alice_case)
    assert result["facts"]["ecog"] == 1
    source = result["provenance"]["ecog"]["facts"][0]
    assert source["reviewed_by"] == world.nina.email and source["page"] == ecog.page
    assert world.alice_case.events.filter(kind="fact", text__contains="confirmed").exists()


def test_two_confirmed_values_that_disagree_stay_unknown(world, facts, login):
    client = login(world.nina)
    for fact in facts.filter(field="age_years"):
        _review(client, world.alice_case, fact, "confirm")
    result = case_facts_for_prescreen(world.alice_case)
    assert result["facts"]["age_years"] is None
    assert result["provenance"]["age_years"]["source"] == "conflict"


def test_rejecting_one_side_resolves_the_conflict(world, facts, login):
    client = login(world.nina)
    right, wrong = facts.get(field="age_years", value=55), facts.get(field="age_years", value=57)
    _review(client, world.alice_case, right, "confirm")
    _review(client, world.alice_case, wrong, "reject", note="other patient's age")
    assert case_facts_for_prescreen(world.alice_case)["facts"]["age_years"] == 55
    assert not {f.field: f for f in case_fields(world.alice_case)}["age_years"].conflict


def test_a_correction_keeps_the_original_value(world, facts, login):
    fact = facts.get(field="age_years", value=57)
    _review(login(world.nina), world.alice_case, fact, "correct", value="56")
    fact.refresh_from_db()
    assert fact.status == "corrected" and fact.value == 57 and fact.corrected_value == 56
    assert fact.reviewed_by == world.nina and fact.reviewed_at is not None
    assert case_facts_for_prescreen(world.alice_case)["provenance"]["age_years"]["facts"][0][
        "original_value"] == 57


def test_a_correction_with_an_impossible_value_is_refused(world, facts, login):
    fact = facts.filter(field="ecog").first()
    response = _review(login(world.nina), world.alice_case, fact, "correct", value="9")
    fact.refresh_from_db()
    assert fact.status == "proposed"
    assert b"Not saved" in response.client.get(response["Location"]).content


def test_a_navigator_enters_a_fact_by_hand(world, login):
    client = login(world.nina)
    client.post(reverse("vault:add_fact", args=[world.alice_case.public_id]),
                {"field": "prior_car_t", "value": "false", "note": "phone call with Dr X"})
    fact = Fact.objects.get(case=world.alice_case)
    assert fact.source == "navigator" and fact.value is False and fact.created_by == world.nina
    result = case_facts_for_prescreen(world.alice_case)
    assert result["facts"]["prior_car_t"] is False
    assert result["provenance"]["prior_car_t"]["facts"][0]["source"] == "navigator"


def test_intake_facts_fill_the_gaps_and_say_so(world, facts, login):
    world.alice_case.intake = {"facts": {"age_years": 54, "disease": "LBCL", "ecog": None}}
    world.alice_case.save()
    ecog = facts.filter(field="ecog").first()
    _review(login(world.nina), world.alice_case, ecog, "confirm")
    result = case_facts_for_prescreen(world.alice_case)
    assert result["facts"]["disease"] == "LBCL"
    assert result["provenance"]["disease"]["source"] == "intake"
    assert result["facts"]["age_years"] == 54  # intake until a record value is confirmed
    assert "ecog" in result["facts"] and result["provenance"]["ecog"]["source"] == "record"


def test_the_screening_app_reads_the_confirmed_facts(world, facts, login):
    from cartpath.screening.services import facts_for

    ecog = facts.filter(field="ecog").first()
    _review(login(world.nina), world.alice_case, ecog, "confirm")
    known = facts_for(world.alice_case)
    assert known.facts["ecog"] == 1 and "ecog" in known.provenance


def test_reprocessing_keeps_reviewed_facts_and_adds_no_duplicates(world, facts, login,
                                                                  committed):
    client = login(world.nina)
    document = Document.objects.get(name="pathology.pdf")
    age = facts.get(document=document, field="age_years")
    _review(client, world.alice_case, age, "confirm")
    before = document.facts.count()
    with committed():
        client.post(reverse("vault:reprocess", args=[world.alice_case.public_id,
                                                     document.public_id]))
    document.refresh_from_db()
    assert document.status == "ready" and document.facts.count() == before
    assert document.facts.get(field="age_years").status == "confirmed"
    assert document.pages.count() == 1


def test_the_viewer_marks_the_evidence_of_a_selected_fact(world, facts, login):
    fact = facts.get(field="age_years", value=55)
    response = login(world.nina).get(
        reverse("vault:document", args=[world.alice_case.public_id, fact.document.public_id])
        + f"?fact={fact.public_id}")
    html = response.content.decode()
    assert 'class="selected"' in html and "<mark" in html
    assert f"pages/1.png" in html
    image = login(world.nina).get(reverse("vault:page_image", args=[
        world.alice_case.public_id, fact.document.public_id, 1]))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")


def test_the_documents_tab_groups_by_type_and_lists_duplicates(world, facts, login, upload_as):
    upload_as(world.alice, world.alice_case, ("again.pdf", builders.text_pdf()))
    html = login(world.nina).get(reverse("vault:case_documents", args=[
        world.alice_case.public_id])).content.decode()
    assert "Pathology" in html and "Consult note" in html
    assert "Duplicate" in html and "again.pdf" in html


def test_the_page_image_outlines_the_evidence_of_a_text_layer_fact(world, facts, login):
    import io

    from PIL import Image

    fact = facts.get(field="age_years", value=55)
    args = [world.alice_case.public_id, fact.document.public_id, 1]
    client = login(world.nina)
    plain = Image.open(io.BytesIO(client.get(reverse("vault:page_image", args=args)).content))
    boxed = Image.open(io.BytesIO(client.get(
        reverse("vault:page_image", args=args) + f"?fact={fact.public_id}").content)).convert("RGB")
    red = [(x, y) for x in range(boxed.width) for y in range(0, boxed.height // 3, 2)
           if boxed.getpixel((x, y)) == (200, 30, 20)]
    assert red, "no outline drawn"
    xs, ys = [p[0] for p in red], [p[1] for p in red]
    # "55-year-old" sits on the third line, left of the middle of a letter page.
    assert max(xs) < boxed.width * 0.6 and min(ys) > boxed.height * 0.05
    assert plain.size == boxed.size
