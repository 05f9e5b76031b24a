"""The treatment journey rules: phases, a state machine and calendar arithmetic (no Django).

Every product rule (lymphodepletion days, infusion window, split dosing, repeat-LD limit,
monitoring / stay-near-centre / no-driving periods, vein-to-vein time) is read from the product
catalogue, never written here. The journey follows clinical-facts §8 (seven phases plus
long-term follow-up). Dates are calendar dates of the treating centre's time zone; "day N" is
counted from day 0 on the calendar, so a daylight-saving change never shifts a day number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from zoneinfo import ZoneInfo

from cartpath.clinical.catalogue import MonitoringRules, Product, Sourced


class Phase(StrEnum):
    LEUKAPHERESIS = "leukapheresis"
    MANUFACTURING = "manufacturing"
    QC_RELEASE = "qc_release"
    BRIDGING = "bridging"
    LYMPHODEPLETION = "lymphodepletion"
    INFUSION = "infusion"
    MONITORING = "monitoring"
    FOLLOW_UP = "follow_up"


PHASE_LABELS = {
    Phase.LEUKAPHERESIS: "Cell collection (leukapheresis)",
    Phase.MANUFACTURING: "Manufacturing",
    Phase.QC_RELEASE: "Quality control and release",
    Phase.BRIDGING: "Bridging therapy (optional)",
    Phase.LYMPHODEPLETION: "Lymphodepleting chemotherapy",
    Phase.INFUSION: "CAR-T infusion",
    Phase.MONITORING: "Monitoring after infusion",
    Phase.FOLLOW_UP: "Long-term follow-up",
}


class Status(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"          # e.g. out-of-specification product
    CANCELLED = "cancelled"


class JourneyError(ValueError):
    """A transition the journey rules refuse, with the reason in plain words."""


# --------------------------------------------------------------------------- product schedule

@dataclass(frozen=True, slots=True)
class Schedule:
    """What the catalogue says about administering one product for one indication."""

    product: str
    brand: str
    indication_id: str | None
    ld_days: tuple[int, ...] | None            # relative to day 0; None when the label gives none
    ld_duration_days: int | None
    infusion_days: tuple[int, ...]             # (0,) or the split-dose days, e.g. (1, 10)
    split_tolerance_days: tuple[int, ...]
    window_after_ld_end: tuple[int, int] | None
    max_delay_days: int | None
    repeat_ld_if_delay_gt_days: int | None
    vein_to_vein_days: int | None
    vein_to_vein_text: str
    vein_to_vein_unverified: bool
    monitoring: MonitoringRules
    infusion_note: str | None
    notes: tuple[str, ...] = ()

    @property
    def split_dosing(self) -> bool:
        return len(self.infusion_days) > 1

    @property
    def ld_end_day(self) -> int | None:
        """Day (relative to day 0) of the last lymphodepletion dose."""
        if self.ld_days:
            return self.ld_days[-1]
        if self.window_after_ld_end is not None:
            # "infuse 2-N days after LD ends": plan the earliest day of the window.
            return self.infusion_days[0] - self.window_after_ld_end[0]
        return None

    @property
    def ld_start_day(self) -> int | None:
        if self.ld_days:
            return self.ld_days[0]
        end = self.ld_end_day
        if end is None or self.ld_duration_days is None:
            return None
        return end - self.ld_duration_days + 1


def _days(sourced: Sourced | None) -> int | None:
    return None if sourced is None else int(sourced.value)


def _vein_to_vein(product: Product) -> tuple[int | None, str, bool]:
    """A single planning figure (days) from the catalogue's V2V data, its text and whether
    it is unverified. Median first; else the midpoint of a range in weeks or months."""
    v2v = product.vein_to_vein
    if v2v is None:
        return None, "no vein-to-vein figure in the catalogue", True
    value = v2v.value if isinstance(v2v.value, Mapping) else {}
    text = str(value.get("text", ""))
    for key in ("real_world_median_days", "median_days", "meta_analysis_median_days"):
        if value.get(key):
            return int(value[key]), text, v2v.unverified
    for key, per in (("weeks", 7), ("manufacturing_weeks", 7), ("months", 30)):
        span = value.get(key)
        if span:
            return round((span[0] + span[-1]) / 2 * per), text, v2v.unverified
    return None, text, True


def schedule_for(product: Product, indication_id: str | None = None,
                 on: dt.date | None = None) -> Schedule:
    """The administration schedule of ``product`` (for ``indication_id``), with the
    post-infusion rules in force on ``on`` (the 2025 label changes or the legacy ones)."""
    admin = product.administration_for(indication_id)
    ld, inf = admin.lymphodepletion, admin.infusion
    if inf.split_doses:
        days = tuple(s.day for s in inf.split_doses)
        tolerance = tuple(s.tolerance_days for s in inf.split_doses)
    else:
        days, tolerance = (inf.day,), (0,)
    v2v_days, v2v_text, v2v_unverified = _vein_to_vein(product)
    notes = []
    if ld.confidence != "V":
        notes.append("Lymphodepletion day numbering is not verified; confirm with the centre.")
    if ld.days is None:
        notes.append("The label data gives no lymphodepletion day numbers; dates are planned "
                     "from the infusion window and must be confirmed by the centre.")
    if ld.note:
        notes.append(ld.note)
    return Schedule(
        product=product.code, brand=product.brand, indication_id=indication_id,
        ld_days=ld.days, ld_duration_days=ld.duration_days, infusion_days=days,
        split_tolerance_days=tolerance, window_after_ld_end=inf.window_days_after_ld_end,
        max_delay_days=inf.max_delay_days, repeat_ld_if_delay_gt_days=inf.repeat_ld_if_delay_gt_days,
        vein_to_vein_days=v2v_days, vein_to_vein_text=v2v_text,
        vein_to_vein_unverified=v2v_unverified,
        monitoring=product.monitoring_rules(on, indication_id), infusion_note=inf.note,
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- calendar arithmetic

def day_number(on: dt.date, day0: dt.date) -> int:
    """Day relative to infusion day 0 (calendar days, immune to daylight-saving changes)."""
    return (on - day0).days


def date_of_day(day0: dt.date, day: int) -> dt.date:
    return day0 + dt.timedelta(days=day)


def local_date(instant: dt.datetime, tz: str | ZoneInfo) -> dt.date:
    """The centre's calendar date at an aware instant (what "today" means for the journey)."""
    if instant.tzinfo is None:
        raise ValueError("an aware datetime is needed to find the centre's date")
    return instant.astimezone(_zone(tz)).date()


def at_local(day: dt.date, time: dt.time, tz: str | ZoneInfo) -> dt.datetime:
    """An aware datetime for a wall-clock time on a centre date.

    A time that does not exist (spring-forward gap) is moved forward by the gap, and an
    ambiguous one (autumn fold) takes the first occurrence, so appointments are never lost.
    """
    zone = _zone(tz)
    naive = dt.datetime.combine(day, time)
    candidate = naive.replace(tzinfo=zone, fold=0)
    roundtrip = candidate.astimezone(dt.timezone.utc).astimezone(zone)
    if roundtrip.replace(tzinfo=None) != naive:  # in the gap: wall clock jumped over it
        return roundtrip
    return candidate


def hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Elapsed hours between two aware instants (a DST day is 23 or 25 h long)."""
    # Python subtracts two datetimes of the same tzinfo as wall clocks; UTC gives real time.
    utc = dt.timezone.utc
    return (end.astimezone(utc) - start.astimezone(utc)).total_seconds() / 3600


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


# --------------------------------------------------------------------------- planning

@dataclass(frozen=True, slots=True)
class Window:
    start: dt.date | None
    end: dt.date | None


def plan(schedule: Schedule, apheresis: dt.date, day0: dt.date | None = None) -> dict[Phase, Window]:
    """Planned dates of every phase from the apheresis date and (optionally) a chosen day 0.

    Without a day 0 the product's typical vein-to-vein time places it; with none in the
    catalogue, the phases after manufacturing stay undated (unknown stays unknown).
    """
    if day0 is None and schedule.vein_to_vein_days is not None:
        day0 = apheresis + dt.timedelta(days=schedule.vein_to_vein_days)
    windows: dict[Phase, Window] = {Phase.LEUKAPHERESIS: Window(apheresis, apheresis)}
    ld_start = ld_end = None
    if day0 is not None and schedule.ld_start_day is not None:
        ld_start = date_of_day(day0, schedule.ld_start_day)
        ld_end = date_of_day(day0, schedule.ld_end_day)
    # Product must be released (confirmed available) before LD: QC ends the day before LD.
    release = (ld_start - dt.timedelta(days=1)) if ld_start else None
    windows[Phase.MANUFACTURING] = Window(apheresis + dt.timedelta(days=1), release)
    windows[Phase.QC_RELEASE] = Window(release, release)
    windows[Phase.BRIDGING] = Window(apheresis + dt.timedelta(days=1),
                                     ld_start - dt.timedelta(days=1) if ld_start else None)
    windows[Phase.LYMPHODEPLETION] = Window(ld_start, ld_end)
    if day0 is None:
        for phase in (Phase.INFUSION, Phase.MONITORING, Phase.FOLLOW_UP):
            windows[phase] = Window(None, None)
        return windows
    first = date_of_day(day0, schedule.infusion_days[0])
    last = date_of_day(day0, schedule.infusion_days[-1])
    windows[Phase.INFUSION] = Window(first, last)
    periods = post_infusion_periods(schedule, last)
    windows[Phase.MONITORING] = Window(first, periods.monitoring_until)
    follow = periods.monitoring_until + dt.timedelta(days=1) if periods.monitoring_until else None
    windows[Phase.FOLLOW_UP] = Window(follow, None)  # lifelong
    return windows


@dataclass(frozen=True, slots=True)
class Periods:
    """Post-infusion periods counted from the (last) infusion: each ends on day N (inclusive)."""

    counted_from: dt.date
    era: str
    monitoring_until: dt.date | None
    daily_monitoring_until: dt.date | None
    stay_near_centre_until: dt.date | None
    no_driving_until: dt.date | None
    stay_within_hours: int | None
    unverified: tuple[str, ...]
    sources: tuple[str, ...]


def post_infusion_periods(schedule: Schedule, infused_on: dt.date) -> Periods:
    """Monitoring, daily monitoring, stay-near-centre and no-driving periods.

    Counted from the last infusion: with split dosing the label's periods are not stated per
    dose, so the conservative reading (from the last dose) is used and shown as such.
    """
    rules = schedule.monitoring

    def until(sourced: Sourced | None) -> dt.date | None:
        days = _days(sourced)
        # "At least N days after infusion": through day N, the conservative reading.
        return None if days is None else infused_on + dt.timedelta(days=days)

    items = (rules.monitoring_min_days, rules.daily_monitoring_min_days,
             rules.stay_near_centre_min_days, rules.no_driving_min_days)
    unverified = [u.text for u in rules.unverified]
    if any(s is not None and s.unverified for s in items):
        unverified.append("Some of these periods are provisional in the catalogue (?): "
                          "configurable, confirm with the treating centre.")
    if schedule.split_dosing:
        unverified.append("Split dosing: periods counted from the last dose (conservative); "
                          "confirm with the centre.")
    sources = tuple(dict.fromkeys(k for s in items if s is not None for k in s.sources))
    return Periods(
        counted_from=infused_on, era=rules.era,
        monitoring_until=until(rules.monitoring_min_days),
        daily_monitoring_until=until(rules.daily_monitoring_min_days),
        stay_near_centre_until=until(rules.stay_near_centre_min_days),
        no_driving_until=until(rules.no_driving_min_days),
        stay_within_hours=_days(rules.stay_within_hours_of_centre),
        unverified=tuple(unverified), sources=sources,
    )


# --------------------------------------------------------------------------- repeat LD rule

@dataclass(frozen=True, slots=True)
class RepeatLd:
    """Whether lymphodepletion must be repeated before infusing on a proposed date.

    ``required`` is None when the catalogue states no limit for the product: the treating team
    decides, nothing is assumed.
    """

    required: bool | None
    delay_days: int
    limit_days: int | None
    reason: str


def infusion_reference(schedule: Schedule, ld_end: dt.date, planned_day0: dt.date | None) -> dt.date:
    """The last date the label plans the (first) infusion for, from which a slip is counted:
    the end of the label's window after LD when it has one, else the planned day 0 (or the day
    implied by the LD day numbers)."""
    if schedule.window_after_ld_end is not None:
        return ld_end + dt.timedelta(days=schedule.window_after_ld_end[1])
    if planned_day0 is not None:
        return date_of_day(planned_day0, schedule.infusion_days[0])
    end_day = schedule.ld_end_day if schedule.ld_end_day is not None else -1
    return ld_end + dt.timedelta(days=schedule.infusion_days[0] - end_day)


def repeat_ld_check(schedule: Schedule, ld_end: dt.date, proposed: dt.date,
                    planned_day0: dt.date | None = None) -> RepeatLd:
    reference = infusion_reference(schedule, ld_end, planned_day0)
    delay = max(0, (proposed - reference).days)
    if schedule.repeat_ld_if_delay_gt_days is not None:
        limit = schedule.repeat_ld_if_delay_gt_days
        if delay > limit:
            return RepeatLd(True, delay, limit, f"{schedule.brand}: infusion slips {delay} days "
                            f"(more than {limit}); the label asks to repeat lymphodepletion.")
        return RepeatLd(False, delay, limit, f"Within the {limit}-day limit for {schedule.brand}.")
    if schedule.max_delay_days is not None:
        limit = schedule.max_delay_days
        if delay > limit:
            return RepeatLd(True, delay, limit, f"{schedule.brand}: infusion slips {delay} days, "
                            f"beyond the label's allowed delay of up to {limit} days; "
                            "repeat lymphodepletion before infusing.")
        return RepeatLd(False, delay, limit, f"Within the allowed delay of up to {limit} days "
                        f"for {schedule.brand}.")
    return RepeatLd(None, delay, None, f"The catalogue states no repeat-lymphodepletion limit "
                    f"for {schedule.brand}; the treating team decides.")


# --------------------------------------------------------------------------- state machine

@dataclass(frozen=True, slots=True)
class PhaseState:
    status: Status = Status.PLANNED
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    attempt: int = 1
    doses: tuple[dt.date, ...] = ()   # infusion only: dates of the doses given


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A journey as the rules see it: its schedule and the state of each phase."""

    schedule: Schedule
    phases: Mapping[Phase, PhaseState]
    planned_day0: dt.date | None = None
    cancelled: bool = False

    def state(self, phase: Phase) -> PhaseState:
        return self.phases.get(phase, PhaseState())

    def with_phase(self, phase: Phase, **changes) -> Snapshot:  # noqa: ANN003
        phases = dict(self.phases)
        phases[phase] = replace(self.state(phase), **changes)
        return replace(self, phases=phases)

    @property
    def current(self) -> Phase | None:
        """The phase the patient is in: the last one started, else the first planned."""
        if self.cancelled:
            return None
        started = [p for p in Phase if self.state(p).status == Status.IN_PROGRESS]
        if started:
            return started[-1]
        for phase in Phase:
            if self.state(phase).status == Status.PLANNED and phase != Phase.BRIDGING:
                return phase
        return None


@dataclass(frozen=True, slots=True)
class Outcome:
    snapshot: Snapshot
    changed: tuple[Phase, ...]
    message: str
    warnings: tuple[str, ...] = ()


class Event(StrEnum):
    START_APHERESIS = "start_apheresis"
    COMPLETE_APHERESIS = "complete_apheresis"
    START_MANUFACTURING = "start_manufacturing"
    COMPLETE_MANUFACTURING = "complete_manufacturing"
    RELEASE_PRODUCT = "release_product"
    OUT_OF_SPECIFICATION = "out_of_specification"
    REMANUFACTURE = "remanufacture"
    START_BRIDGING = "start_bridging"
    COMPLETE_BRIDGING = "complete_bridging"
    SKIP_BRIDGING = "skip_bridging"
    START_LYMPHODEPLETION = "start_lymphodepletion"
    COMPLETE_LYMPHODEPLETION = "complete_lymphodepletion"
    REPEAT_LYMPHODEPLETION = "repeat_lymphodepletion"
    INFUSE = "infuse"
    COMPLETE_MONITORING = "complete_monitoring"
    CANCEL = "cancel"


EVENT_LABELS = {
    Event.START_APHERESIS: "Cell collection started",
    Event.COMPLETE_APHERESIS: "Cell collection done",
    Event.START_MANUFACTURING: "Cells received by the manufacturer",
    Event.COMPLETE_MANUFACTURING: "Manufacturing finished, in release testing",
    Event.RELEASE_PRODUCT: "Product released and confirmed available",
    Event.OUT_OF_SPECIFICATION: "Product out of specification",
    Event.REMANUFACTURE: "Re-manufacture started",
    Event.START_BRIDGING: "Bridging therapy started",
    Event.COMPLETE_BRIDGING: "Bridging therapy finished",
    Event.SKIP_BRIDGING: "No bridging therapy",
    Event.START_LYMPHODEPLETION: "Lymphodepletion started",
    Event.COMPLETE_LYMPHODEPLETION: "Lymphodepletion finished",
    Event.REPEAT_LYMPHODEPLETION: "Lymphodepletion repeated",
    Event.INFUSE: "CAR-T infusion given",
    Event.COMPLETE_MONITORING: "Monitoring period finished; long-term follow-up",
    Event.CANCEL: "Journey stopped",
}


def _need(condition: bool, reason: str) -> None:
    if not condition:
        raise JourneyError(reason)


def _not_before(on: dt.date, earlier: dt.date | None, what: str) -> None:
    if earlier is not None and on < earlier:
        raise JourneyError(f"the date {on.isoformat()} is before {what} ({earlier.isoformat()})")


def apply(snapshot: Snapshot, event: Event | str, on: dt.date) -> Outcome:
    """Apply one event on a centre date; raises ``JourneyError`` with the reason if refused."""
    try:
        event = Event(event)
    except ValueError as exc:
        raise JourneyError(f"unknown journey event {event!r}") from exc
    if snapshot.cancelled:
        raise JourneyError("this journey was stopped; no further steps can be recorded")
    handler = _HANDLERS[event]
    return handler(snapshot, on)


def _start_apheresis(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.LEUKAPHERESIS)
    _need(st.status == Status.PLANNED, "cell collection has already started")
    return Outcome(s.with_phase(Phase.LEUKAPHERESIS, status=Status.IN_PROGRESS, actual_start=on),
                   (Phase.LEUKAPHERESIS,), "Cell collection started.")


def _finish(s: Snapshot, on: dt.date, phase: Phase, *, not_running: str, started: str,
            message: str) -> Outcome:
    """End a phase that is in progress, no earlier than the day it started."""
    st = s.state(phase)
    _need(st.status == Status.IN_PROGRESS, not_running)
    _not_before(on, st.actual_start, started)
    return Outcome(s.with_phase(phase, status=Status.DONE, actual_end=on), (phase,), message)


def _complete_apheresis(s: Snapshot, on: dt.date) -> Outcome:
    return _finish(s, on, Phase.LEUKAPHERESIS, not_running="cell collection has not started",
                   started="the start of cell collection", message="Cell collection done.")


def _start_manufacturing(s: Snapshot, on: dt.date) -> Outcome:
    _need(s.state(Phase.LEUKAPHERESIS).status == Status.DONE,
          "manufacturing cannot start before cell collection is done")
    st = s.state(Phase.MANUFACTURING)
    _need(st.status == Status.PLANNED, "manufacturing has already started")
    _not_before(on, s.state(Phase.LEUKAPHERESIS).actual_end, "the end of cell collection")
    return Outcome(s.with_phase(Phase.MANUFACTURING, status=Status.IN_PROGRESS, actual_start=on),
                   (Phase.MANUFACTURING,), "Manufacturing started.")


def _complete_manufacturing(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.MANUFACTURING)
    _need(st.status == Status.IN_PROGRESS, "manufacturing is not in progress")
    _not_before(on, st.actual_start, "the start of manufacturing")
    s = s.with_phase(Phase.MANUFACTURING, status=Status.DONE, actual_end=on)
    s = s.with_phase(Phase.QC_RELEASE, status=Status.IN_PROGRESS, actual_start=on, actual_end=None)
    return Outcome(s, (Phase.MANUFACTURING, Phase.QC_RELEASE), "Manufacturing done; release "
                   "testing under way.")


def _release(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.QC_RELEASE)
    _need(st.status == Status.IN_PROGRESS, "the product is not in release testing "
          "(manufacturing must be finished first)")
    _not_before(on, st.actual_start, "the start of release testing")
    return Outcome(s.with_phase(Phase.QC_RELEASE, status=Status.DONE, actual_end=on),
                   (Phase.QC_RELEASE,), "Product released: it is confirmed available.")


def _out_of_spec(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.QC_RELEASE)
    _need(st.status == Status.IN_PROGRESS, "only a product in release testing can be found "
          "out of specification")
    return Outcome(s.with_phase(Phase.QC_RELEASE, status=Status.FAILED, actual_end=on),
                   (Phase.QC_RELEASE,), "Product out of specification: the treating team and "
                   "manufacturer decide between re-manufacture and other options.")


def _remanufacture(s: Snapshot, on: dt.date) -> Outcome:
    _need(s.state(Phase.QC_RELEASE).status == Status.FAILED,
          "re-manufacture is only recorded after an out-of-specification result")
    attempt = s.state(Phase.MANUFACTURING).attempt + 1
    s = s.with_phase(Phase.MANUFACTURING, status=Status.IN_PROGRESS, actual_start=on,
                     actual_end=None, attempt=attempt)
    s = s.with_phase(Phase.QC_RELEASE, status=Status.PLANNED, actual_start=None, actual_end=None,
                     attempt=s.state(Phase.QC_RELEASE).attempt + 1)
    return Outcome(s, (Phase.MANUFACTURING, Phase.QC_RELEASE),
                   f"Re-manufacture started (attempt {attempt}).",
                   ("Dates after manufacturing move: re-plan lymphodepletion and infusion.",))


def _ld_not_started(s: Snapshot) -> None:
    _need(s.state(Phase.LYMPHODEPLETION).status == Status.PLANNED,
          "lymphodepletion has already started; bridging therapy is recorded before it")


def _start_bridging(s: Snapshot, on: dt.date) -> Outcome:
    _need(s.state(Phase.LEUKAPHERESIS).status == Status.DONE,
          "bridging therapy is given between cell collection and lymphodepletion")
    _ld_not_started(s)
    _need(s.state(Phase.BRIDGING).status == Status.PLANNED, "bridging therapy was already "
          "started or skipped")
    _not_before(on, s.state(Phase.LEUKAPHERESIS).actual_end, "the end of cell collection")
    return Outcome(s.with_phase(Phase.BRIDGING, status=Status.IN_PROGRESS, actual_start=on),
                   (Phase.BRIDGING,), "Bridging therapy started.")


def _complete_bridging(s: Snapshot, on: dt.date) -> Outcome:
    return _finish(s, on, Phase.BRIDGING, not_running="bridging therapy is not in progress",
                   started="the start of bridging therapy", message="Bridging therapy finished.")


def _skip_bridging(s: Snapshot, on: dt.date) -> Outcome:
    _need(s.state(Phase.BRIDGING).status == Status.PLANNED, "bridging therapy was already "
          "started or skipped")
    return Outcome(s.with_phase(Phase.BRIDGING, status=Status.SKIPPED),
                   (Phase.BRIDGING,), "No bridging therapy.")


def _start_ld(s: Snapshot, on: dt.date) -> Outcome:
    qc = s.state(Phase.QC_RELEASE)
    # Labels: confirm the product is available before starting LD (clinical-facts §3).
    _need(qc.status == Status.DONE, "lymphodepletion cannot start before the product is "
          "released and confirmed available")
    _need(s.state(Phase.BRIDGING).status != Status.IN_PROGRESS,
          "bridging therapy is still in progress; record its end first")
    st = s.state(Phase.LYMPHODEPLETION)
    _need(st.status == Status.PLANNED, "lymphodepletion has already started")
    return Outcome(s.with_phase(Phase.LYMPHODEPLETION, status=Status.IN_PROGRESS, actual_start=on),
                   (Phase.LYMPHODEPLETION,), "Lymphodepletion started.")


def _complete_ld(s: Snapshot, on: dt.date) -> Outcome:
    return _finish(s, on, Phase.LYMPHODEPLETION, not_running="lymphodepletion is not in progress",
                   started="the start of lymphodepletion", message="Lymphodepletion finished.")


def _repeat_ld(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.LYMPHODEPLETION)
    _need(st.status == Status.DONE, "lymphodepletion can only be repeated after it was given")
    _need(not s.state(Phase.INFUSION).doses, "the infusion was already given")
    _not_before(on, st.actual_end, "the end of the previous lymphodepletion")
    return Outcome(s.with_phase(Phase.LYMPHODEPLETION, status=Status.IN_PROGRESS, actual_start=on,
                                actual_end=None, attempt=st.attempt + 1),
                   (Phase.LYMPHODEPLETION,), f"Lymphodepletion repeated (course {st.attempt + 1}).")


def _infuse(s: Snapshot, on: dt.date) -> Outcome:
    ld = s.state(Phase.LYMPHODEPLETION)
    inf = s.state(Phase.INFUSION)
    sched = s.schedule
    _need(ld.status == Status.DONE, "the infusion cannot be given before lymphodepletion is "
          "finished")
    _need(len(inf.doses) < len(sched.infusion_days),
          "every planned dose has already been given")
    _not_before(on, ld.actual_end, "the end of lymphodepletion")
    warnings: list[str] = []
    dose_number = len(inf.doses) + 1
    if dose_number == 1:
        _need(on > ld.actual_end, "the infusion is given after the last lymphodepletion day, "
              "not on it")
        verdict = repeat_ld_check(sched, ld.actual_end, on, s.planned_day0)
        if verdict.required:
            raise JourneyError(verdict.reason + " Record the repeated lymphodepletion first.")
        if verdict.required is None and verdict.delay_days > 0:
            warnings.append(f"Infusion {verdict.delay_days} days later than planned. "
                            + verdict.reason)
        if sched.window_after_ld_end is not None:
            lo, hi = sched.window_after_ld_end
            gap = (on - ld.actual_end).days
            if not lo <= gap <= hi + (sched.max_delay_days or 0):
                warnings.append(f"{gap} days after lymphodepletion; the label window is "
                                f"{lo}-{hi} days. The treating team decides.")
    else:
        first = inf.doses[0]
        expected = first + dt.timedelta(days=sched.infusion_days[dose_number - 1]
                                        - sched.infusion_days[0])
        _not_before(on, inf.doses[-1] + dt.timedelta(days=1), "the day after the previous dose")
        tolerance = sched.split_tolerance_days[dose_number - 1]
        if abs((on - expected).days) > tolerance:
            warnings.append(f"Dose {dose_number} planned on {expected.isoformat()} "
                            f"(±{tolerance} days); given {on.isoformat()}. "
                            + (sched.infusion_note or ""))
    doses = inf.doses + (on,)
    complete = len(doses) == len(sched.infusion_days)
    s = s.with_phase(Phase.INFUSION, status=Status.DONE if complete else Status.IN_PROGRESS,
                     actual_start=doses[0], actual_end=on if complete else None, doses=doses)
    changed = [Phase.INFUSION]
    if dose_number == 1:
        s = s.with_phase(Phase.MONITORING, status=Status.IN_PROGRESS, actual_start=on)
        changed.append(Phase.MONITORING)
    label = f"dose {dose_number} of {len(sched.infusion_days)}" if sched.split_dosing else "infusion"
    return Outcome(s, tuple(changed), f"CAR-T {label} given.", tuple(warnings))


def _complete_monitoring(s: Snapshot, on: dt.date) -> Outcome:
    st = s.state(Phase.MONITORING)
    inf = s.state(Phase.INFUSION)
    _need(st.status == Status.IN_PROGRESS, "monitoring has not started (no infusion recorded)")
    _need(inf.status == Status.DONE, "not every planned dose has been given yet")
    periods = post_infusion_periods(s.schedule, inf.doses[-1])
    if periods.monitoring_until is not None:
        _need(on >= periods.monitoring_until,
              f"the label asks for monitoring until at least {periods.monitoring_until.isoformat()}")
    s = s.with_phase(Phase.MONITORING, status=Status.DONE, actual_end=on)
    s = s.with_phase(Phase.FOLLOW_UP, status=Status.IN_PROGRESS, actual_start=on)
    return Outcome(s, (Phase.MONITORING, Phase.FOLLOW_UP), "Monitoring finished; long-term "
                   "follow-up (lifelong) begins.")


def _cancel(s: Snapshot, on: dt.date) -> Outcome:
    _need(s.state(Phase.INFUSION).status == Status.PLANNED,
          "after an infusion the journey continues with monitoring and follow-up")
    phases = {p: (replace(st, status=Status.CANCELLED)
                  if st.status in (Status.PLANNED, Status.IN_PROGRESS) else st)
              for p, st in ((p, s.state(p)) for p in Phase)}
    return Outcome(replace(s, phases=phases, cancelled=True), tuple(Phase), "Journey stopped.")


_HANDLERS = {
    Event.START_APHERESIS: _start_apheresis,
    Event.COMPLETE_APHERESIS: _complete_apheresis,
    Event.START_MANUFACTURING: _start_manufacturing,
    Event.COMPLETE_MANUFACTURING: _complete_manufacturing,
    Event.RELEASE_PRODUCT: _release,
    Event.OUT_OF_SPECIFICATION: _out_of_spec,
    Event.REMANUFACTURE: _remanufacture,
    Event.START_BRIDGING: _start_bridging,
    Event.COMPLETE_BRIDGING: _complete_bridging,
    Event.SKIP_BRIDGING: _skip_bridging,
    Event.START_LYMPHODEPLETION: _start_ld,
    Event.COMPLETE_LYMPHODEPLETION: _complete_ld,
    Event.REPEAT_LYMPHODEPLETION: _repeat_ld,
    Event.INFUSE: _infuse,
    Event.COMPLETE_MONITORING: _complete_monitoring,
    Event.CANCEL: _cancel,
}


def allowed_events(snapshot: Snapshot, on: dt.date) -> list[Event]:
    """The events the rules would accept today (for the forms), in journey order."""
    allowed = []
    for event in Event:
        try:
            apply(snapshot, event, on)
        except JourneyError:
            continue
        allowed.append(event)
    return allowed


def new_snapshot(schedule: Schedule, apheresis: dt.date, day0: dt.date | None = None) -> Snapshot:
    """A fresh journey with every phase planned from the schedule."""
    windows = plan(schedule, apheresis, day0)
    phases = {p: PhaseState(planned_start=w.start, planned_end=w.end) for p, w in windows.items()}
    if day0 is None and windows[Phase.INFUSION].start is not None:
        day0 = windows[Phase.INFUSION].start - dt.timedelta(days=schedule.infusion_days[0])
    return Snapshot(schedule=schedule, phases=phases, planned_day0=day0)


__all__ = [
    "EVENT_LABELS", "PHASE_LABELS", "Event", "JourneyError", "Outcome", "Periods", "Phase",
    "PhaseState", "RepeatLd", "Schedule", "Snapshot", "Status", "Window", "allowed_events",
    "apply", "at_local", "date_of_day", "day_number", "hours_between", "local_date",
    "new_snapshot", "plan", "post_infusion_periods", "repeat_ld_check", "schedule_for",
]
