"""The JSON API: referrals visible to the user, packets of consented parts, replies."""

from __future__ import annotations

import json


def test_a_partner_lists_only_its_referrals(world, login):  # noqa: ANN001
    rita = login(world.rita).get("/api/coordination/referrals").json()
    assert [r["id"] for r in rita] == [world.referral.public_id]
    assert login(world.leo).get("/api/coordination/referrals").json() == []


def test_the_navigator_lists_the_referrals_of_the_teams_cases(world, login):  # noqa: ANN001
    assert len(login(world.nina).get("/api/coordination/referrals").json()) == 1
    assert login(world.greg).get("/api/coordination/referrals").json() == []


def test_reading_a_packet_as_fhir_gives_a_bundle(world, login):  # noqa: ANN001
    response = login(world.rita).get(
        f"/api/coordination/referrals/{world.referral.public_id}/packet?format=fhir")
    assert response.status_code == 200 and response.json()["resourceType"] == "Bundle"


def test_a_partner_replies_through_the_api(world, login):  # noqa: ANN001
    client = login(world.rita)
    url = f"/api/coordination/referrals/{world.referral.public_id}/reply"
    response = client.post(url, json.dumps({"decision": "accepted"}),
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"


def test_malformed_replies_get_a_4xx_with_a_message(world, login):  # noqa: ANN001
    client = login(world.rita)
    url = f"/api/coordination/referrals/{world.referral.public_id}/reply"
    for body in ("{not json", json.dumps({"decision": "maybe"}),
                 json.dumps({"decision": "declined"}), json.dumps([])):
        response = client.post(url, body, content_type="application/json")
        assert 400 <= response.status_code < 500
        assert response.json()


def test_another_partner_gets_404_for_the_packet_and_the_reply(world, login):  # noqa: ANN001
    client = login(world.leo)
    base = f"/api/coordination/referrals/{world.referral.public_id}"
    assert client.get(base + "/packet").status_code == 404
    assert client.post(base + "/reply", json.dumps({"decision": "accepted"}),
                       content_type="application/json").status_code == 404


def test_a_navigator_cannot_answer_for_the_partner(world, login):  # noqa: ANN001
    url = f"/api/coordination/referrals/{world.referral.public_id}/reply"
    response = login(world.nina).post(url, json.dumps({"decision": "accepted"}),
                                      content_type="application/json")
    assert response.status_code == 403


def test_an_unknown_packet_format_is_refused(world, login):  # noqa: ANN001
    response = login(world.rita).get(
        f"/api/coordination/referrals/{world.referral.public_id}/packet?format=xml")
    assert response.status_code == 422
