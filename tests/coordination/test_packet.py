"""The packet holds only consented parts, as a PDF with appended records and a FHIR Bundle."""

from __future__ import annotations

import io
import json

from django.urls import reverse
from pypdf import PdfReader

from cartpath.coordination import fhir, packet


def test_the_packet_leaves_out_every_part_not_consented(world, docs):  # noqa: ANN001
    world.consent.share_summary = False
    world.consent.share_trials = False
    world.consent.save()
    content = packet.build_packet(world.referral)
    assert content.patient is None and content.facts is None
    assert content.trials is None
    assert set(content.withheld) == {"summary", "trials"}
    assert [d.title for d in content.documents] == ["pathology.pdf"]


def test_a_withdrawn_consent_gives_an_empty_packet(world, docs):  # noqa: ANN001
    from cartpath.coordination.referrals import withdraw_consent

    withdraw_consent(None, world.consent, actor=world.nina)
    world.referral.consent.refresh_from_db()
    content = packet.build_packet(world.referral)
    assert content.patient is None and content.documents == [] and content.prescreen is None


def test_the_pdf_packet_appends_the_consented_pdf_records(world, docs, login):  # noqa: ANN001
    response = login(world.rita).get(reverse("coordination:packet_pdf",
                                             args=[world.referral.public_id]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Referral packet" in text and "Alice Example" in text
    assert "Pathology report body" in text
    assert "PET CT report body" not in text


def test_the_fhir_bundle_validates_and_codes_the_diagnosis(world, docs):  # noqa: ANN001
    world.alice_case.intake = {"facts": {"ecog": 1, "prior_lines": [
        {"line": 1, "regimen": "R-CHOP", "best_response": "CR"}], "prior_allo_hct": True}}
    world.alice_case.save()
    bundle = fhir.build_bundle(packet.build_packet(world.referral))
    parsed = fhir.validate_bundle(bundle)
    assert parsed.type == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    for kind in ("Patient", "Organization", "Condition", "Observation", "MedicationStatement",
                 "Procedure", "DocumentReference", "Consent"):
        assert kind in kinds
    condition = next(e["resource"] for e in bundle["entry"]
                     if e["resource"]["resourceType"] == "Condition")
    codes = {(c["system"], c["code"]) for c in condition["code"]["coding"]}
    assert ("http://hl7.org/fhir/sid/icd-10-cm", "C83.3") in codes
    assert ("http://snomed.info/sct", "413537009") in codes
    ecog = next(e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "Observation")
    assert ecog["code"]["coding"][0]["code"] == "89247-1" and ecog["valueInteger"] == 1
    assert kinds.count("DocumentReference") == 1


def test_the_fhir_consent_names_the_recipient_and_the_purpose(world, docs, login):  # noqa: ANN001
    response = login(world.nina).get(reverse("coordination:packet_fhir",
                                             args=[world.referral.public_id]))
    bundle = json.loads(response.content)
    fhir.validate_bundle(bundle)
    consent = next(e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "Consent")
    org_url = next(e["fullUrl"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "Organization")
    assert consent["provision"]["actor"][0]["reference"]["reference"] == org_url
    assert consent["provision"]["purpose"][0]["code"] == "TREAT"
    assert consent["category"][0]["coding"][0]["code"] == "59284-0"


def test_a_packet_without_summary_consent_has_no_clinical_resources(world):  # noqa: ANN001
    world.consent.share_summary = False
    world.consent.save()
    bundle = fhir.build_bundle(packet.build_packet(world.referral))
    fhir.validate_bundle(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {"Patient", "Organization", "Consent"}
    patient = next(e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "Patient")
    assert "name" not in patient


def test_the_packet_carries_the_latest_prescreen_when_consented(world, login):  # noqa: ANN001
    from cartpath.screening.services import run_prescreen

    world.alice_case.intake = {"facts": {"age_years": 56, "disease": "LBCL",
                                         "histology": "DLBCL_NOS", "disease_status": "relapsed",
                                         "n_prior_lines": 2, "ecog": 1}}
    world.alice_case.save()
    run_prescreen(None, world.alice_case)
    content = packet.build_packet(world.referral)
    assert "axi-cel" in content.prescreen["products"]
    page = login(world.rita).get(reverse("coordination:partner_referral",
                                         args=[world.referral.public_id]))
    assert b"to be confirmed by the treating team" in page.content


def test_the_trial_shortlist_travels_only_when_consented(world):  # noqa: ANN001
    from cartpath.trials.models import ShortlistEntry

    ShortlistEntry.objects.create(case=world.alice_case, nct_id="NCT00000000",
                                  title="A CAR-T study (test entry)", note="ask about slots")
    content = packet.build_packet(world.referral)
    assert content.trials == [{"nct_id": "NCT00000000", "title": "A CAR-T study (test entry)",
                               "status": "", "note": "ask about slots"}]
    world.consent.share_trials = False
    world.consent.save()
    assert packet.build_packet(world.referral).trials is None
