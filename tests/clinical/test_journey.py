"""The journey rules: every transition (allowed and refused), repeat LD per product, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from cartpath.clinical import journey as j
from cartpath.clinical.catalogue import load_catalogue
from cartpath.clinical.journey import Event, JourneyError, Phase, Status

ON = dt.date(2026, 11, 1)


def schedule(code: str, indication: str | None = None, on: dt.date = ON) -> j.Schedule:
    return j.schedule_for(load_catalogue().product(code), indication, on)


def walk(snap: j.Snapshot, *steps: tuple[str, dt.date]) -> j.Snapshot:
    for event, on in steps:
        snap = j.apply(snap, event, on).snapshot
    return snap


D = dt.date


def released(code: str = "axi-cel", day0: dt.date | None = D(2026, 4, 1)) -> j.Snapshot:
    snap = j.new_snapshot(schedule(code), D(2026, 3, 1), day0)
    return walk(snap, (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_MANUFACTURING, D(2026, 3, 2)), (Event.COMPLETE_MANUFACTURING, D(2026, 3, 20)),
                (Event.RELEASE_PRODUCT, D(2026, 3, 22)), (Event.SKIP_BRIDGING, D(2026, 3, 22)))


def after_ld(code: str, ld_start: dt.date, ld_end: dt.date, day0: dt.date | None = None) -> j.Snapshot:
    return walk(released(code, day0), (Event.START_LYMPHODEPLETION, ld_start),
                (Event.COMPLETE_LYMPHODEPLETION, ld_end))


# ---- schedules come from the catalogue

def test_it_reads_axi_cel_lymphodepletion_on_days_minus_5_to_minus_3():
    s = schedule("axi-cel")
    assert s.ld_days == (-5, -4, -3) and s.infusion_days == (0,)


def test_it_reads_obe_cel_split_dosing_on_days_1_and_10():
    s = schedule("obe-cel")
    assert s.split_dosing and s.infusion_days == (1, 10) and s.split_tolerance_days == (0, 2)
    assert any("not verified" in n for n in s.notes)


def test_it_reads_brexu_cel_all_lymphodepletion_from_the_indication_block():
    assert schedule("brexu-cel", "BREXU-ALL").ld_days == (-4, -3, -2)


def test_it_plans_lymphodepletion_before_a_chosen_day_0():
    snap = j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1), D(2026, 4, 1))
    ld = snap.state(Phase.LYMPHODEPLETION)
    assert (ld.planned_start, ld.planned_end) == (D(2026, 3, 27), D(2026, 3, 29))
    assert snap.state(Phase.QC_RELEASE).planned_end == D(2026, 3, 26)


def test_it_places_day_0_with_the_typical_vein_to_vein_time():
    s = schedule("axi-cel")
    snap = j.new_snapshot(s, D(2026, 3, 1))
    assert snap.planned_day0 == D(2026, 3, 1) + dt.timedelta(days=s.vein_to_vein_days)


def test_it_plans_post_2025_periods_of_two_weeks():
    periods = j.post_infusion_periods(schedule("axi-cel"), D(2026, 4, 1))
    assert periods.era == "post_2025"
    assert periods.monitoring_until == D(2026, 4, 15)
    assert periods.daily_monitoring_until == D(2026, 4, 8)
    assert periods.stay_near_centre_until == D(2026, 4, 15)
    assert periods.no_driving_until == D(2026, 4, 15)


def test_it_uses_the_legacy_periods_before_the_rems_removal():
    periods = j.post_infusion_periods(schedule("axi-cel", on=D(2025, 1, 10)), D(2025, 1, 10))
    assert periods.era == "legacy"
    assert periods.stay_near_centre_until == D(2025, 2, 7)  # 4 weeks
    assert periods.no_driving_until == D(2025, 3, 7)        # 8 weeks
    assert periods.stay_within_hours == 2


def test_it_marks_aucatzyl_periods_as_provisional():
    periods = j.post_infusion_periods(schedule("obe-cel"), D(2026, 4, 1))
    assert any("provisional" in u for u in periods.unverified)
    assert any("last dose" in u for u in periods.unverified)


# ---- allowed transitions

def test_it_walks_a_whole_journey_to_long_term_follow_up():
    snap = after_ld("axi-cel", D(2026, 3, 27), D(2026, 3, 29), D(2026, 4, 1))
    out = j.apply(snap, Event.INFUSE, D(2026, 4, 1))
    assert out.snapshot.state(Phase.INFUSION).status == Status.DONE
    assert out.snapshot.state(Phase.MONITORING).status == Status.IN_PROGRESS
    done = j.apply(out.snapshot, Event.COMPLETE_MONITORING, D(2026, 4, 15)).snapshot
    assert done.state(Phase.FOLLOW_UP).status == Status.IN_PROGRESS
    assert done.current == Phase.FOLLOW_UP


def test_it_records_bridging_between_collection_and_lymphodepletion():
    snap = j.new_snapshot(schedule("cilta-cel"), D(2026, 3, 1))
    snap = walk(snap, (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_BRIDGING, D(2026, 3, 3)), (Event.COMPLETE_BRIDGING, D(2026, 4, 1)))
    assert snap.state(Phase.BRIDGING).status == Status.DONE


def test_it_remanufactures_after_an_out_of_specification_product():
    snap = j.new_snapshot(schedule("liso-cel"), D(2026, 3, 1))
    snap = walk(snap, (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_MANUFACTURING, D(2026, 3, 2)), (Event.COMPLETE_MANUFACTURING, D(2026, 3, 25)),
                (Event.OUT_OF_SPECIFICATION, D(2026, 3, 27)))
    assert snap.state(Phase.QC_RELEASE).status == Status.FAILED
    out = j.apply(snap, Event.REMANUFACTURE, D(2026, 3, 30))
    assert out.snapshot.state(Phase.MANUFACTURING).attempt == 2
    assert out.snapshot.state(Phase.QC_RELEASE).status == Status.PLANNED
    assert out.warnings


def test_it_gives_obe_cel_in_two_doses_before_monitoring_can_end():
    snap = after_ld("obe-cel", D(2026, 3, 26), D(2026, 3, 29), D(2026, 4, 1))
    snap = j.apply(snap, Event.INFUSE, D(2026, 4, 2)).snapshot
    assert snap.state(Phase.INFUSION).status == Status.IN_PROGRESS
    with pytest.raises(JourneyError, match="not every planned dose"):
        j.apply(snap, Event.COMPLETE_MONITORING, D(2026, 5, 1))
    out = j.apply(snap, Event.INFUSE, D(2026, 4, 11))
    assert out.snapshot.state(Phase.INFUSION).doses == (D(2026, 4, 2), D(2026, 4, 11))
    assert out.warnings == ()


def test_it_warns_when_the_second_obe_cel_dose_is_outside_its_tolerance():
    snap = after_ld("obe-cel", D(2026, 3, 26), D(2026, 3, 29), D(2026, 4, 1))
    snap = j.apply(snap, Event.INFUSE, D(2026, 4, 2)).snapshot
    out = j.apply(snap, Event.INFUSE, D(2026, 4, 20))
    assert "±2" in out.warnings[0]


def test_it_repeats_lymphodepletion_and_counts_the_course():
    snap = after_ld("cilta-cel", D(2026, 3, 23), D(2026, 3, 25))
    snap = j.apply(snap, Event.REPEAT_LYMPHODEPLETION, D(2026, 4, 20)).snapshot
    assert snap.state(Phase.LYMPHODEPLETION).attempt == 2
    assert snap.state(Phase.LYMPHODEPLETION).status == Status.IN_PROGRESS


def test_it_stops_a_journey_before_infusion():
    snap = j.apply(released(), Event.CANCEL, D(2026, 3, 23)).snapshot
    assert snap.cancelled and snap.current is None
    with pytest.raises(JourneyError, match="stopped"):
        j.apply(snap, Event.START_LYMPHODEPLETION, D(2026, 3, 24))


# ---- refused transitions, each with its reason

REFUSED = [
    ("complete_apheresis", "has not started"),
    ("start_manufacturing", "before cell collection"),
    ("complete_manufacturing", "not in progress"),
    ("release_product", "not in release testing"),
    ("out_of_specification", "only a product in release testing"),
    ("remanufacture", "out-of-specification"),
    ("start_bridging", "between cell collection"),
    ("complete_bridging", "not in progress"),
    ("start_lymphodepletion", "released and confirmed available"),
    ("complete_lymphodepletion", "not in progress"),
    ("repeat_lymphodepletion", "after it was given"),
    ("infuse", "before lymphodepletion"),
    ("complete_monitoring", "no infusion recorded"),
]


@pytest.mark.parametrize(("event", "reason"), REFUSED)
def test_it_refuses_steps_out_of_order_at_the_start_with_a_reason(event, reason):
    snap = j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1))
    with pytest.raises(JourneyError, match=reason):
        j.apply(snap, event, D(2026, 3, 1))


def test_it_refuses_an_unknown_event():
    with pytest.raises(JourneyError, match="unknown"):
        j.apply(j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1)), "teleport", D(2026, 3, 1))


def test_it_refuses_to_start_collection_twice():
    snap = walk(j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1)), (Event.START_APHERESIS, D(2026, 3, 1)))
    with pytest.raises(JourneyError, match="already started"):
        j.apply(snap, Event.START_APHERESIS, D(2026, 3, 1))


def test_it_refuses_lymphodepletion_while_bridging_is_running():
    snap = j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1))
    snap = walk(snap, (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_BRIDGING, D(2026, 3, 2)), (Event.START_MANUFACTURING, D(2026, 3, 2)),
                (Event.COMPLETE_MANUFACTURING, D(2026, 3, 20)), (Event.RELEASE_PRODUCT, D(2026, 3, 21)))
    with pytest.raises(JourneyError, match="bridging therapy is still in progress"):
        j.apply(snap, Event.START_LYMPHODEPLETION, D(2026, 3, 25))


def test_it_refuses_lymphodepletion_after_an_out_of_specification_result():
    snap = j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1))
    snap = walk(snap, (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_MANUFACTURING, D(2026, 3, 2)), (Event.COMPLETE_MANUFACTURING, D(2026, 3, 20)),
                (Event.OUT_OF_SPECIFICATION, D(2026, 3, 21)))
    with pytest.raises(JourneyError, match="confirmed available"):
        j.apply(snap, Event.START_LYMPHODEPLETION, D(2026, 3, 25))


def test_it_refuses_bridging_once_lymphodepletion_started():
    snap = walk(j.new_snapshot(schedule("axi-cel"), D(2026, 3, 1)),
                (Event.START_APHERESIS, D(2026, 3, 1)), (Event.COMPLETE_APHERESIS, D(2026, 3, 1)),
                (Event.START_MANUFACTURING, D(2026, 3, 2)), (Event.COMPLETE_MANUFACTURING, D(2026, 3, 20)),
                (Event.RELEASE_PRODUCT, D(2026, 3, 21)), (Event.START_LYMPHODEPLETION, D(2026, 3, 27)))
    with pytest.raises(JourneyError, match="lymphodepletion has already started"):
        j.apply(snap, Event.START_BRIDGING, D(2026, 3, 27))


def test_it_refuses_an_infusion_on_the_last_lymphodepletion_day():
    snap = after_ld("axi-cel", D(2026, 3, 27), D(2026, 3, 29))
    with pytest.raises(JourneyError, match="not on it"):
        j.apply(snap, Event.INFUSE, D(2026, 3, 29))


def test_it_refuses_a_date_before_the_previous_step():
    snap = walk(j.new_snapshot(schedule("axi-cel"), D(2026, 3, 5)), (Event.START_APHERESIS, D(2026, 3, 5)))
    with pytest.raises(JourneyError, match="before the start of cell collection"):
        j.apply(snap, Event.COMPLETE_APHERESIS, D(2026, 3, 4))


def test_it_refuses_to_end_monitoring_before_the_labels_two_weeks():
    snap = after_ld("axi-cel", D(2026, 3, 27), D(2026, 3, 29), D(2026, 4, 1))
    snap = j.apply(snap, Event.INFUSE, D(2026, 4, 1)).snapshot
    with pytest.raises(JourneyError, match="until at least 2026-04-15"):
        j.apply(snap, Event.COMPLETE_MONITORING, D(2026, 4, 10))


def test_it_refuses_to_stop_a_journey_after_infusion():
    snap = j.apply(after_ld("axi-cel", D(2026, 3, 27), D(2026, 3, 29)), Event.INFUSE, D(2026, 4, 1)).snapshot
    with pytest.raises(JourneyError, match="continues with monitoring"):
        j.apply(snap, Event.CANCEL, D(2026, 4, 2))


def test_it_refuses_a_third_dose_of_a_split_product():
    snap = after_ld("obe-cel", D(2026, 3, 26), D(2026, 3, 29), D(2026, 4, 1))
    snap = walk(snap, (Event.INFUSE, D(2026, 4, 2)), (Event.INFUSE, D(2026, 4, 11)))
    with pytest.raises(JourneyError, match="every planned dose"):
        j.apply(snap, Event.INFUSE, D(2026, 4, 12))


def test_it_lists_only_the_events_the_rules_accept():
    assert j.allowed_events(released(), D(2026, 3, 23)) == [Event.START_LYMPHODEPLETION, Event.CANCEL]


# ---- repeat lymphodepletion per product

def test_carvykti_needs_repeat_lymphodepletion_when_infusion_slips_more_than_14_days():
    s = schedule("cilta-cel")
    ld_end = D(2026, 3, 25)  # window 2-4 days: the label's last planned day is 03-29
    assert j.repeat_ld_check(s, ld_end, D(2026, 4, 12)).required is False   # 14 days late
    verdict = j.repeat_ld_check(s, ld_end, D(2026, 4, 13))                   # 15 days late
    assert verdict.required is True and verdict.limit_days == 14


def test_carvykti_infusion_after_the_limit_is_refused_until_lymphodepletion_is_repeated():
    snap = after_ld("cilta-cel", D(2026, 3, 23), D(2026, 3, 25))
    with pytest.raises(JourneyError, match="repeat lymphodepletion"):
        j.apply(snap, Event.INFUSE, D(2026, 4, 20))
    snap = walk(snap, (Event.REPEAT_LYMPHODEPLETION, D(2026, 4, 20)),
                (Event.COMPLETE_LYMPHODEPLETION, D(2026, 4, 22)))
    assert j.apply(snap, Event.INFUSE, D(2026, 4, 25)).snapshot.state(Phase.INFUSION).doses


def test_abecma_allows_up_to_7_days_of_delay_and_not_more():
    s = schedule("ide-cel")
    ld_end = D(2026, 3, 25)  # planned 2 days after LD: 03-27
    assert j.repeat_ld_check(s, ld_end, D(2026, 4, 3)).required is False  # 7 days
    assert j.repeat_ld_check(s, ld_end, D(2026, 4, 4)).required is True   # 8 days


def test_abecma_infusion_within_the_allowed_delay_is_accepted_without_warning():
    snap = after_ld("ide-cel", D(2026, 3, 23), D(2026, 3, 25))
    assert j.apply(snap, Event.INFUSE, D(2026, 4, 3)).warnings == ()


@pytest.mark.parametrize("code", ["axi-cel", "tisa-cel", "liso-cel", "brexu-cel", "obe-cel"])
def test_products_without_a_limit_in_the_catalogue_leave_the_decision_to_the_team(code):
    s = schedule(code)
    verdict = j.repeat_ld_check(s, D(2026, 3, 25), D(2026, 5, 25), D(2026, 3, 28))
    assert verdict.required is None and "treating team decides" in verdict.reason


def test_a_late_infusion_without_a_label_limit_is_accepted_with_a_warning():
    snap = after_ld("axi-cel", D(2026, 3, 27), D(2026, 3, 29), D(2026, 4, 1))
    out = j.apply(snap, Event.INFUSE, D(2026, 4, 20))
    assert any("19 days later" in w for w in out.warnings)


def test_kymriah_infusion_outside_its_window_is_flagged_for_the_team():
    snap = after_ld("tisa-cel", D(2026, 3, 22), D(2026, 3, 25))
    assert any("label window is 2-14" in w for w in j.apply(snap, Event.INFUSE, D(2026, 4, 15)).warnings)


# ---- dates across time zones and daylight-saving changes

def test_day_numbers_do_not_shift_across_the_berlin_spring_change():
    # Day -5 is 2026-03-25 (CET), day 0 is 2026-03-30 (CEST): clocks moved on 03-29.
    day0 = D(2026, 3, 30)
    start = j.at_local(D(2026, 3, 25), dt.time(8, 0), "Europe/Berlin")
    infusion = j.at_local(day0, dt.time(8, 0), "Europe/Berlin")
    assert j.day_number(D(2026, 3, 25), day0) == -5
    assert j.hours_between(start, infusion) == 119  # one hour fewer than 5 x 24
    assert start.utcoffset() == dt.timedelta(hours=1) and infusion.utcoffset() == dt.timedelta(hours=2)


def test_the_centres_date_decides_the_day_number_not_utc():
    late_evening_utc = dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.timezone.utc)
    assert j.local_date(late_evening_utc, "Europe/Berlin") == D(2026, 3, 30)
    assert j.local_date(late_evening_utc, "America/New_York") == D(2026, 3, 29)


def test_new_york_autumn_change_keeps_each_lymphodepletion_day_a_calendar_day():
    # 2026-11-01 is the autumn change in New York; LD -5..-3 ends before day 0 = 11-04.
    snap = j.new_snapshot(schedule("axi-cel"), D(2026, 10, 5), D(2026, 11, 4))
    ld = snap.state(Phase.LYMPHODEPLETION)
    assert (ld.planned_start, ld.planned_end) == (D(2026, 10, 30), D(2026, 11, 1))
    first = j.at_local(D(2026, 10, 31), dt.time(9), "America/New_York")
    second = j.at_local(D(2026, 11, 1), dt.time(9), "America/New_York")
    assert j.hours_between(first, second) == 25


def test_a_wall_clock_time_in_the_spring_gap_moves_forward():
    moment = j.at_local(D(2026, 3, 8), dt.time(2, 30), "America/New_York")
    assert (moment.hour, moment.minute) == (3, 30)


def test_an_ambiguous_autumn_time_takes_the_first_occurrence():
    moment = j.at_local(D(2026, 10, 25), dt.time(2, 30), "Europe/Berlin")
    assert moment.utcoffset() == dt.timedelta(hours=2)


def test_local_date_needs_an_aware_instant():
    with pytest.raises(ValueError):
        j.local_date(dt.datetime(2026, 3, 1, 12), "UTC")
