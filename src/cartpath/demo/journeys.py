"""Demo treatment journeys for the demo cases in treatment. Fictional: centre, phone number,
dates and readings are invented for the demonstration."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cartpath.cases.lifecycle import Status
from cartpath.journey import services
from cartpath.journey.models import Alert, CostItem, DiaryEntry, Journey

CENTRE = "Riverside Cell Therapy Centre (fictional)"
PHONE = "+1 555 0142"  # a 555 number: reserved for fiction
TIME_ZONE = "America/Chicago"

# Wei: mantle cell lymphoma after a BTK inhibitor -> brexu-cel (Tecartus, BREXU-MCL).
# (days relative to today at the centre, event)
WEI_STEPS = (
    (-40, "start_apheresis"), (-40, "complete_apheresis"), (-39, "start_manufacturing"),
    (-38, "start_bridging"), (-16, "complete_bridging"), (-13, "complete_manufacturing"),
    (-11, "release_product"), (-10, "start_lymphodepletion"), (-8, "complete_lymphodepletion"),
    (-5, "infuse"),
)
# day after infusion, temperature, symptoms, writing sample
WEI_DIARY = (
    (1, "37.2", [], "The sun is shining and the sky is blue today."),
    (2, "37.6", ["chills"], "The sun is shining and the sky is blue today."),
    (3, "38.4", ["chills", "headache"], "The sun is shining and the sky is blue today."),
    (4, "37.4", [], "The sun is shining and the sky is blue today"),
)


def load(world) -> None:  # noqa: ANN001
    case = world.cases.get("wei")
    if case is None or case.status != Status.IN_TREATMENT or Journey.objects.filter(case=case).exists():
        return
    navigator = case.navigator or world.users.get("nina")
    clinician = world.users.get("chen")
    today = timezone.localdate()
    journey = services.create_journey(
        None, case, product_code="brexu-cel", indication_id="BREXU-MCL",
        apheresis_date=today + dt.timedelta(days=WEI_STEPS[0][0]),
        planned_day0=today + dt.timedelta(days=-5), time_zone=TIME_ZONE, centre_name=CENTRE,
        centre_phone=PHONE, actor=navigator)
    today = services.today_for(journey)
    for offset, event in WEI_STEPS:
        services.apply_event(None, journey, event, today + dt.timedelta(days=offset),
                             actor=navigator)
    journey.caregiver_name = "Mei Zhang (daughter)"
    journey.lodging = "Family apartment 10 minutes from the centre (fictional)"
    journey.international = True
    journey.checklist = {"lodging_booked": True, "caregiver_confirmed": True,
                         "invitation_letter": True, "visa": True, "id_insurance": True}
    journey.save()
    for description, amount, currency, payer in (
            ("Apartment, 4 weeks", "3200", "USD", "family"), ("Flights for two", "2100", "USD", "family"),
            ("Records translation", "380", "USD", "charity")):
        CostItem.objects.create(journey=journey, description=description, amount=Decimal(amount),
                                currency=currency, payer=payer, created_by=navigator)
    day0 = journey.planned_day0
    now = timezone.now()
    for day, temp, symptoms, writing in WEI_DIARY:
        at = now - dt.timedelta(days=(today - day0).days - day, hours=2)
        entry = DiaryEntry.objects.create(
            journey=journey, author=world.users.get("wei"), recorded_at=at, day_number=day,
            temperature_c=Decimal(temp), systolic=118, diastolic=74, symptoms=symptoms,
            writing_sample=writing, escalated=Decimal(temp) >= Decimal("38.0"))
        if entry.escalated:
            Alert.objects.create(case=case, diary_entry=entry, kind=Alert.Kind.FEVER,
                                 reason=f"Temperature {temp} °C (38.0 °C or above)", created_at=at,
                                 last_notified_at=at, acknowledged_at=at + dt.timedelta(minutes=6),
                                 acknowledged_by=clinician or navigator)
    for day, temp in ((1, 37.3), (3, 38.4), (4, 37.5)):
        services.record_assessment(
            None, journey, clinician=clinician or navigator,
            assessed_at=now - dt.timedelta(days=(today - day0).days - day, hours=1),
            crs_input={"temperature_c": temp, "hypotension": False,
                       "vasopressors_excluding_vasopressin": 0, "vasopressin": False,
                       "oxygen_device": "room_air", "oxygen_flow_l_min": None,
                       "crs_previously_diagnosed_and_antipyretic_or_anticytokine_given": day == 4,
                       "findings_attributable_to_other_cause": False, "died_of_crs": False},
            icans_input={"age_years": 67, "assessment_tool": "ICE", "ice_score": 10,
                         "consciousness": "normal", "seizure": "none", "motor_findings": "none",
                         "raised_icp_or_cerebral_edema": "none",
                         "unable_to_perform_assessment": False, "tremor_or_myoclonus": False,
                         "intracranial_hemorrhage": False,
                         "consciousness_depression_due_to_other_cause": False,
                         "capd_score": None})
    services.rotate_calendar_token(None, journey)
