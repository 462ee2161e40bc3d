"""The packet's dates as an iCalendar file, with a reminder a few days before each.

Built with the ``icalendar`` library. Events carry the date's label and what it rests on,
never the person's name or address: a calendar is often synced to a third-party service.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from .model import Packet

REMINDER = timedelta(days=3)
ESTIMATE_NOTE = {
    "fr": "Date estimée par Recours, calculée de façon prudente : agissez sans attendre.",
}


def packet_ics(packet: Packet, language: str = "fr") -> bytes:
    """One all-day event per date still to come, each with a display alarm three days before.

    A date already past has no place in a calendar: its alarm would ring for nothing, and the
    packet page says it is over. Nor has a deadline already met (the letter it asks for is sent).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Recours//Délais//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for d in packet.dates:
        if d.passed or d.done:
            continue
        event = Event()
        # Same date and key give the same UID, so importing an updated file replaces events.
        uid = hashlib.sha256(f"{d.key}|{d.day.isoformat()}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@recours")
        event.add("dtstamp", datetime(d.day.year, d.day.month, d.day.day))
        event.add("dtstart", d.day)
        event.add("dtend", d.day + timedelta(days=1))
        event.add("summary", d.label)
        note = ESTIMATE_NOTE.get(language, ESTIMATE_NOTE["fr"])
        event.add("description", f"{note} ({d.rests_on})" if d.rests_on else note)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", d.label)
        alarm.add("trigger", -REMINDER)
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
