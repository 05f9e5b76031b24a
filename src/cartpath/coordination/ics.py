"""iCalendar (RFC 5545) invitations for appointments. Django-free.

The UID never changes for one appointment and SEQUENCE grows with every update, so calendar
programs replace the event instead of adding a second one; a cancellation is METHOD:CANCEL with
STATUS:CANCELLED and a higher SEQUENCE. Times are written in the treatment site's time zone
(with its VTIMEZONE), because the patient often travels to it from another zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

PRODID = "-//cartpath//coordination//EN"


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str = "UTC"
    location: str = ""
    description: str = ""
    url: str = ""
    organizer: str = ""
    attendees: tuple[str, ...] = field(default_factory=tuple)
    cancelled: bool = False
    stamp: dt.datetime | None = None


def calendar(invitation: Invitation, *, method: str | None = None) -> Calendar:
    method = method or ("CANCEL" if invitation.cancelled else "REQUEST")
    zone = ZoneInfo(invitation.timezone or "UTC")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", (invitation.stamp or dt.datetime.now(dt.timezone.utc)).astimezone(
        dt.timezone.utc))
    event.add("dtstart", invitation.starts_at.astimezone(zone))
    event.add("dtend", invitation.ends_at.astimezone(zone))
    event.add("summary", invitation.summary)
    event.add("status", "CANCELLED" if invitation.cancelled else "CONFIRMED")
    if invitation.location:
        event.add("location", invitation.location)
    if invitation.description:
        event.add("description", invitation.description)
    if invitation.url:
        event.add("url", invitation.url)
    if invitation.organizer:
        organizer = vCalAddress(f"mailto:{invitation.organizer}")
        organizer.params["cn"] = vText("cartpath")
        event["organizer"] = organizer
    for address in invitation.attendees:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        event.add("attendee", attendee, encode=0)
    if not invitation.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Reminder")
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def to_bytes(invitation: Invitation, *, method: str | None = None) -> bytes:
    return calendar(invitation, method=method).to_ical()
