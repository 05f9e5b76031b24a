"""Journey pages and API: who sees what, steps through the web, calendar feed, diary, alerts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from icalendar import Calendar

from cartpath.journey import services
from cartpath.journey.models import Alert, Journey


def test_a_navigator_plans_a_journey_from_the_case_tab(world, login):
    client = login(world.nina)
    url = f"/journey/cases/{world.alice_case.public_id}/"
    assert "Plan the treatment journey" in client.get(url).content.decode()
    response = client.post(url + "create", {
        "product_code": "brexu-cel", "indication_id": "BREXU-MCL", "apheresis_date": "2026-03-01",
        "planned_day0": "2026-04-01", "time_zone": "America/New_York"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Tecartus" in page and "Fri 27 Mar 2026" in page  # LD day -5


def test_the_journey_form_refuses_a_bad_time_zone_and_a_foreign_indication(world, login):
    client = login(world.nina)
    response = client.post(f"/journey/cases/{world.alice_case.public_id}/create", {
        "product_code": "axi-cel", "indication_id": "CILTA-MM", "apheresis_date": "2026-03-01",
        "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert "Unknown time zone" in response.content.decode()
    assert "another product" in response.content.decode()
    assert not Journey.objects.exists()


def test_a_refused_step_shows_its_reason(journey, world, login):
    client = login(world.nina)
    response = client.post(f"/journey/cases/{world.alice_case.public_id}/step",
                           {"event": "infuse", "on": "2026-04-01"}, follow=True)
    assert "before lymphodepletion is finished" in response.content.decode()


def test_staff_pages_are_404_for_other_teams_and_partners(journey, world, login):
    for user in (world.greg, world.rita, world.alice):
        client = login(user)
        for path in ("", "monitoring/"):
            assert client.get(f"/journey/cases/{world.alice_case.public_id}/{path}").status_code in (403, 404)


def test_the_family_page_shows_what_happens_next_to_patient_and_caregiver(journey, world, login):
    for user in (world.alice, world.carol):
        page = login(user).get(f"/journey/family/{world.alice_case.public_id}/").content.decode()
        assert "What happens next" in page and "What to bring" in page
        assert "ask the centre" in page  # no caregiver rule in the reference for axi-cel
    assert login(world.bob).get(f"/journey/family/{world.alice_case.public_id}/").status_code == 404
    assert login(world.rita).get(f"/journey/family/{world.alice_case.public_id}/").status_code == 404


def test_the_board_shows_delays_and_manufacturing(journey, world, login):
    services.apply_event(None, journey, "start_apheresis", dt.date(2026, 3, 1))
    page = login(world.nina).get("/journey/").content.decode()
    assert "Alice Example" in page and "delayed" in page
    assert "All journeys on one timeline" in page and "Cell collection (leukapheresis)" in page
    assert "Alice Example" not in login(world.greg).get("/journey/").content.decode()


def test_the_calendar_feed_works_by_secret_link_and_dies_when_revoked(journey, world, login, client):
    nina = login(world.nina)
    nina.post(f"/journey/cases/{world.alice_case.public_id}/calendar", {"action": "regenerate"})
    token = Journey.objects.get().calendar_token
    nina.logout()
    response = client.get(f"/journey/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    summaries = {str(e["summary"]) for e in events}
    assert "CAR-T infusion (planned)" in summaries
    assert "DLBCL" not in response.content.decode()
    login(world.alice).post(f"/journey/cases/{world.alice_case.public_id}/calendar",
                            {"action": "revoke"})
    client.logout()
    assert client.get(f"/journey/calendar/{token}.ics").status_code == 404


def test_a_regenerated_link_kills_the_old_one(journey, client):
    old = services.rotate_calendar_token(None, journey)
    new = services.rotate_calendar_token(None, journey)
    assert client.get(f"/journey/calendar/{old}.ics").status_code == 404
    assert client.get(f"/journey/calendar/{new}.ics").status_code == 200


def test_a_fever_in_the_diary_shows_call_now_with_the_centres_number(journey, world, login):
    client = login(world.carol)
    response = client.post(f"/journey/family/{world.alice_case.public_id}/diary/",
                           {"temperature_c": "38.4", "writing_sample": ""})
    page = response.content.decode()
    assert "Call the care team now" in page and "+1 555 0100" in page
    assert Alert.objects.filter(kind="fever").count() == 1


def test_a_calm_diary_entry_just_thanks(journey, world, login):
    response = login(world.alice).post(f"/journey/family/{world.alice_case.public_id}/diary/",
                                       {"temperature_c": "36.8", "symptoms": ["headache"]}, follow=True)
    assert "entry is saved" in response.content.decode()
    assert not Alert.objects.exists()


def test_family_and_navigator_fill_in_the_cost_sheet(journey, world, login):
    login(world.alice).post(f"/journey/cases/{world.alice_case.public_id}/costs",
                            {"description": "Hotel", "amount": "700", "currency": "eur",
                             "payer": "family"})
    response = login(world.nina).post(f"/journey/cases/{world.alice_case.public_id}/costs",
                                      {"description": "Bad", "amount": "-1", "currency": "E1R",
                                       "payer": "family"}, follow=True)
    assert "three-letter" in response.content.decode()
    assert [c.currency for c in journey.costs.all()] == ["EUR"]
    assert login(world.rita).post(f"/journey/cases/{world.alice_case.public_id}/costs",
                                  {"description": "x", "amount": "1", "currency": "EUR",
                                   "payer": "family"}).status_code == 404


def test_the_monitoring_tab_draws_an_inline_svg_chart_without_style_attributes(journey, world, login):
    services.add_diary_entry(None, journey, author=world.alice, temperature_c=38.2)
    page = login(world.dana).get(f"/journey/cases/{world.alice_case.public_id}/monitoring/").content.decode()
    assert "<svg" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    assert "<script>" not in page


def test_a_clinician_records_an_assessment_through_the_form(journey, world, login):
    response = login(world.dana).post(
        f"/journey/cases/{world.alice_case.public_id}/monitoring/assessment",
        {"temperature_c": "38.3", "vasopressors_excluding_vasopressin": "0", "oxygen_device": "room_air",
         "age_years": "56", "assessment_tool": "ICE", "ice_score": "10", "consciousness": "normal",
         "seizure": "none", "motor_findings": "none", "raised_icp_or_cerebral_edema": "none"},
        follow=True)
    assert "Assessment saved" in response.content.decode()
    assert journey.assessments.get().crs_input["temperature_c"] == 38.3


def test_a_clinician_acknowledges_an_alert(journey, world, login):
    _e, (alert,) = services.add_diary_entry(None, journey, author=world.alice, symptoms=["tremor"])
    assert login(world.greg).post(f"/journey/alerts/{alert.public_id}/ack").status_code == 404
    login(world.dana).post(f"/journey/alerts/{alert.public_id}/ack")
    alert.refresh_from_db()
    assert alert.acknowledged_by == world.dana


# ---- API

def test_the_api_returns_the_journey_of_a_visible_case_only(journey, world, login):
    data = login(world.alice).get(f"/api/journey/cases/{world.alice_case.public_id}").json()
    assert data["product_code"] == "axi-cel" and len(data["phases"]) == 8
    assert login(world.bob).get(f"/api/journey/cases/{world.alice_case.public_id}").status_code == 404


def test_the_api_takes_a_diary_entry_and_says_call_now_on_fever(journey, world, login):
    client = login(world.carol)
    response = client.post(f"/api/journey/cases/{world.alice_case.public_id}/diary",
                           json.dumps({"temperature_c": 38.9}), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["escalated"] and body["call_now"].endswith("+1 555 0100")


@pytest.mark.parametrize("payload", ['{"temperature_c": "hot"}', '{"symptoms": ["itchy"]}', "{", "[1]"])
def test_the_api_answers_bad_diary_input_with_4xx_json(journey, world, login, payload):
    response = login(world.carol).post(f"/api/journey/cases/{world.alice_case.public_id}/diary",
                                       payload, content_type="application/json")
    assert 400 <= response.status_code < 500 and response.json()


def test_the_api_lists_and_acknowledges_alerts_for_the_team(journey, world, login):
    services.add_diary_entry(None, journey, author=world.alice, symptoms=["drowsiness"])
    nina = login(world.nina)
    (item,) = nina.get("/api/journey/alerts").json()
    assert item["kind"] == "neuro"
    assert nina.post(f"/api/journey/alerts/{item['id']}/ack").json()["acknowledged_by"] == "Nina"
    assert nina.get("/api/journey/alerts").json() == []
    assert login(world.alice).get("/api/journey/alerts").status_code == 403


def test_an_assessment_without_an_ice_score_is_refused_not_graded_normal(journey, world, login):
    response = login(world.dana).post(
        f"/journey/cases/{world.alice_case.public_id}/monitoring/assessment",
        {"vasopressors_excluding_vasopressin": "0", "oxygen_device": "room_air", "age_years": "56",
         "assessment_tool": "ICE", "consciousness": "normal", "seizure": "none",
         "motor_findings": "none", "raised_icp_or_cerebral_edema": "none"}, follow=True)
    assert "tick" in response.content.decode() and not journey.assessments.exists()


def test_the_monitoring_tab_shows_car_hematotox_with_its_explanation(journey, world, login):
    client = login(world.dana)
    client.post(f"/journey/cases/{world.alice_case.public_id}/monitoring/blood-count",
                {"taken_on": "2026-03-26", "before_lymphodepletion": "on",
                 "platelets": "60", "platelets_unit": "10^9/L", "anc": "1.0", "anc_unit": "10^9/L",
                 "hemoglobin": "10", "hemoglobin_unit": "g/dL", "crp": "10", "crp_unit": "mg/L",
                 "ferritin": "700", "ferritin_unit": "ng/mL"})
    page = client.get(f"/journey/cases/{world.alice_case.public_id}/monitoring/").content.decode()
    assert "<strong>4</strong> (high risk)" in page


def test_the_stay_plan_saves_known_checklist_items_only(journey, world, login):
    client = login(world.nina)
    client.post(f"/journey/cases/{world.alice_case.public_id}/stay",
                {"caregiver_name": "Carol", "lodging": "Flat near the centre", "international": "on",
                 "centre_phone": "+1 555 0100", "done": ["visa", "lodging_booked", "bogus"]})
    journey.refresh_from_db()
    assert journey.checklist == {"visa": True, "lodging_booked": True}
    page = login(world.carol).get(f"/journey/family/{world.alice_case.public_id}/").content.decode()
    assert "Invitation letter from the centre for the visa application" in page
    assert "Medical records translated" in page


def test_a_recorded_step_with_a_warning_shows_both(journey, world, login):
    for event, on in (("start_apheresis", "2026-03-01"), ("complete_apheresis", "2026-03-01"),
                      ("start_manufacturing", "2026-03-02"), ("complete_manufacturing", "2026-03-20"),
                      ("release_product", "2026-03-21"), ("skip_bridging", "2026-03-21"),
                      ("start_lymphodepletion", "2026-03-27"), ("complete_lymphodepletion", "2026-03-29")):
        services.apply_event(None, journey, event, dt.date.fromisoformat(on))
    response = login(world.nina).post(f"/journey/cases/{world.alice_case.public_id}/step",
                                      {"event": "infuse", "on": "2026-04-10", "note": "bed shortage"},
                                      follow=True)
    page = response.content.decode()
    assert "CAR-T infusion given" in page and "9 days later than planned" in page
    assert "bed shortage" in journey.phases.get(phase="infusion").notes


def test_re_planning_moves_the_planned_dates(journey, world, login):
    login(world.nina).post(f"/journey/cases/{world.alice_case.public_id}/replan",
                           {"apheresis_date": "2026-03-01", "planned_day0": "2026-04-10"})
    journey.refresh_from_db()
    assert journey.planned_day0 == dt.date(2026, 4, 10)
    assert journey.phases.get(phase="lymphodepletion").planned_start == dt.date(2026, 4, 5)
