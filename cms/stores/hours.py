"""Opening hours rules: what makes a weekly schedule or a dated exception valid.

Times are wall-clock times in the store's own time zone. An interval whose closing
time is on the next day (e.g. 22:00–02:00) says so explicitly with ``closes_next_day``,
so a typo such as 18:00–09:00 is caught instead of silently meaning "overnight".
"""

from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
WEEKDAY_CHOICES = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
WEEKDAY_NAMES = dict(WEEKDAY_CHOICES)


def minute_of_day(value: time) -> int:
    return value.hour * 60 + value.minute


@dataclass(frozen=True)
class Interval:
    """An opening interval starting on ``day`` (a weekday 0–6, or 0 for a dated exception)."""

    day: int
    opens: time
    closes: time
    closes_next_day: bool = False

    @property
    def start(self) -> int:
        return self.day * MINUTES_PER_DAY + minute_of_day(self.opens)

    @property
    def end(self) -> int:
        end_day = self.day + (1 if self.closes_next_day else 0)
        return end_day * MINUTES_PER_DAY + minute_of_day(self.closes)

    def label(self) -> str:
        suffix = _(" (next day)") if self.closes_next_day else ""
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}{suffix}"


def local_date(time_zone: str, moment=None) -> date:
    """The date at ``moment`` (default: now) in the store's time zone."""
    return (moment or timezone.now()).astimezone(ZoneInfo(time_zone)).date()


def upcoming_exceptions(exceptions, time_zone: str, moment=None):
    """Those of ``exceptions`` dated today or later, "today" being the store's own date."""
    today = local_date(time_zone, moment)
    return [exception for exception in exceptions if exception.date >= today]


def in_week_order(hours):
    """Weekly hours rows (with ``weekday`` and ``opens``) by day, then opening time."""
    return sorted(hours, key=lambda row: (row.weekday, row.opens or time.min))


def in_date_order(exceptions):
    """Dated exceptions by date, then opening time."""
    return sorted(exceptions, key=lambda row: (row.date, row.opens or time.min))


def interval_problem(opens, closes, closes_next_day) -> str | None:
    """Why an interval is invalid, or None. ``opens``/``closes`` may be missing."""
    if opens is None or closes is None:
        return _("Enter both an opening and a closing time.")
    if closes_next_day:
        if minute_of_day(closes) > minute_of_day(opens):
            return _("An interval past midnight must close before the time it opened (at most 24 hours).")
    elif minute_of_day(closes) <= minute_of_day(opens):
        return _(
            "Closing time must be after opening time. For hours that run past midnight, tick “Closes the next day”."
        )
    return None


def find_overlaps(intervals, wrap_week=True):
    """Positions ``(first, second)`` in ``intervals`` of every pair that overlaps, ``first``
    being the one that starts earlier. Equal intervals (a row entered twice) overlap too.
    With ``wrap_week`` a Sunday night interval that runs past midnight is checked against
    Monday morning."""
    spans = [(interval.start, interval.end, position) for position, interval in enumerate(intervals)]
    if wrap_week:
        spans += [(start - MINUTES_PER_WEEK, end - MINUTES_PER_WEEK, position) for start, end, position in spans]
    spans.sort()
    overlaps, seen = [], set()
    for index, (_start, end, position) in enumerate(spans):
        for other_start, _other_end, other in spans[index + 1 :]:
            if other_start >= end:
                break
            if other != position and frozenset((position, other)) not in seen:
                seen.add(frozenset((position, other)))
                overlaps.append((position, other))
    return overlaps


def describe_overlap(first: Interval, second: Interval, weekly=True) -> str:
    if weekly:
        return _("%(first_day)s %(first)s overlaps %(second_day)s %(second)s.") % {
            "first_day": WEEKDAY_NAMES[first.day],
            "first": first.label(),
            "second_day": WEEKDAY_NAMES[second.day],
            "second": second.label(),
        }
    return _("%(first)s overlaps %(second)s on the same date.") % {"first": first.label(), "second": second.label()}
