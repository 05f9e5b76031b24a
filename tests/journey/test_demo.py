"""The demo world gets a brexu-cel journey for Wei, loaded twice without duplicates."""

from __future__ import annotations


def test_the_demo_gives_wei_a_brexu_cel_journey_with_diary_entries(db):
    from cartpath.demo import load
    from cartpath.journey.models import Journey

    load()
    load()  # idempotent
    journey = Journey.objects.get(case__patient__full_name="Wei Zhang")
    assert journey.product_code == "brexu-cel" and journey.indication_id == "BREXU-MCL"
    assert journey.phases.get(phase="infusion").status == "done"
    assert journey.phases.get(phase="monitoring").status == "in_progress"
    assert journey.diary.count() == 4 and journey.assessments.count() == 3
    assert Journey.objects.count() == 1
