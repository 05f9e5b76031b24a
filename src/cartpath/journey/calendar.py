"""The journey as an iCalendar feed (all-day events in the centre's calendar)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Event

from cartpath.clinical.journey import PHASE_LABELS, Phase
from cartpath.journey.models import Journey


def journey_calendar(journey: Journey) -> bytes:
    """Planned phases as all-day events. No diagnosis or clinical detail: only what a family
    would write in a paper diary (the feed URL is a bearer secret)."""
    cal = Calendar()
    cal.add("prodid", "-//cartpath//treatment journey//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Treatment journey")
    cal.add("x-wr-timezone", journey.time_zone)
    stamp = dt.datetime.now(dt.timezone.utc)
    for rec in journey.phases.all():
        start = rec.actual_start or rec.planned_start
        if start is None or rec.phase == Phase.FOLLOW_UP:
            continue
        end = rec.actual_end or rec.planned_end or start
        event = Event()
        event.add("uid", f"{journey.case.public_id}-{rec.phase}@cartpath")
        event.add("dtstamp", stamp)
        event.add("summary", PHASE_LABELS[Phase(rec.phase)]
                  + ("" if rec.actual_start else " (planned)"))
        event.add("dtstart", start)
        event.add("dtend", max(end, start) + dt.timedelta(days=1))  # DTEND is exclusive
        if journey.centre_name:
            event.add("location", journey.centre_name)
        event.add("url", settings.SITE_URL + "/journey/")
        cal.add_component(event)
    return cal.to_ical()
