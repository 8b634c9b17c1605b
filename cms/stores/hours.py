"""Opening hours: what makes a weekly schedule or a dated exception valid, and the engine
that answers "is this store open at …", "when does it next open / close" from them.

Times are wall-clock times in the store's own time zone. An interval whose closing
time is on the next day (e.g. 22:00–02:00) says so explicitly with ``closes_next_day``,
so a typo such as 18:00–09:00 is caught instead of silently meaning "overnight".

The engine works on plain data, a ``StoreSchedule`` (weekly intervals, dated exceptions and
the time zone), so the hours of many stores can be computed from rows loaded in bulk,
without a query per store. Its rules:

- A dated exception replaces the weekly hours of its date: no interval (a closure) or its
  own intervals. An overnight interval of the previous day still runs into that date.
- Wall-clock times become instants in the store's zone with ``fold=0``, normalized through
  UTC. So a time that does not exist (in the spring-forward gap) is moved later by the
  length of the gap (02:30 in Rome on the last Sunday of March is 03:30 CEST), and a time
  that happens twice (in the autumn) is its first occurrence (02:30 CEST, not 02:30 CET).
  An interval that this leaves closing no later than it opens (02:30–03:15 on that
  Sunday) is empty and ignored.
- Intervals are half open: a store opening at 09:00 and closing at 19:00 is open at 09:00
  and closed at 19:00. Touching or overlapping intervals form one opening, so a store open
  18:00–00:00 and 00:00–02:00 closes once, at 02:00.
- ``next_opening`` and ``next_closing`` look ``SEARCH_DAYS`` (14) days ahead of the instant
  asked about and return None when nothing changes within that time.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
# Monday to Sunday (0–6), named in the active language by Django's own catalog.
WEEKDAY_CHOICES = list(WEEKDAYS.items())
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
        suffix = " " + _("(next day)") if self.closes_next_day else ""
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


# --- the engine: open at an instant, next opening and closing ---------------------------------

SEARCH_DAYS = 14


@dataclass(frozen=True)
class StoreSchedule:
    """A store's opening hours as plain data.

    ``weekly`` holds intervals whose ``day`` is the weekday (0 = Monday); ``exceptions``
    maps a date to the intervals that replace that date's weekly hours (``day`` unused),
    an empty tuple meaning closed all day.
    """

    time_zone: str
    weekly: tuple[Interval, ...] = ()
    exceptions: Mapping[date, tuple[Interval, ...]] = field(default_factory=dict, hash=False)

    def __post_init__(self):
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ValueError(f"`time_zone` {self.time_zone!r} is not an IANA time zone, e.g. Europe/Rome.") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)  # ZoneInfo keeps one instance per key

    def intervals_starting_on(self, day: date) -> tuple[Interval, ...]:
        """The intervals that open on ``day``: the exception's if the date has one, else the
        weekly intervals of its weekday."""
        if day in self.exceptions:
            return self.exceptions[day]
        weekday = day.weekday()
        return tuple(interval for interval in self.weekly if interval.day == weekday)


@dataclass(frozen=True)
class OpenPeriod:
    """One opening as instants, aware datetimes in the store's time zone.

    Compare such datetimes as instants (``astimezone(UTC)``): Python compares two datetimes
    of the same zone by their wall-clock times, which is wrong in the autumn's repeated hour.
    """

    opens: datetime
    closes: datetime

    def __contains__(self, moment: datetime) -> bool:
        return _utc(self.opens) <= _utc(moment) < _utc(self.closes)


def _is_usable(interval: Interval) -> bool:
    """True for an interval the admin form accepts: both times, and closing after opening
    by at most a day. Rows that somehow hold anything else are left out of the schedule."""
    if interval.opens is None or interval.closes is None:
        return False
    return 0 < interval.end - interval.start <= MINUTES_PER_DAY


def schedule_from_rows(time_zone: str, weekly_rows: Iterable, exception_rows: Iterable) -> StoreSchedule:
    """A ``StoreSchedule`` from already loaded rows: ``weekly_rows`` with ``weekday``,
    ``opens``, ``closes``, ``closes_next_day`` (StoreOpeningHours), ``exception_rows`` with
    ``date``, ``closed`` and the same times (StoreHoursException). A closed row closes its
    date even if the date also has times; rows without valid times are ignored."""
    weekly = [Interval(row.weekday, row.opens, row.closes, row.closes_next_day) for row in weekly_rows]
    exceptions, closed = {}, set()
    for row in exception_rows:
        if row.closed:
            closed.add(row.date)
            continue
        interval = Interval(0, row.opens, row.closes, row.closes_next_day)
        if _is_usable(interval):
            exceptions.setdefault(row.date, []).append(interval)
    exceptions.update(dict.fromkeys(closed, []))
    return StoreSchedule(
        time_zone,
        tuple(sorted((interval for interval in weekly if _is_usable(interval)), key=lambda i: i.start)),
        {day: tuple(sorted(intervals, key=lambda i: i.start)) for day, intervals in exceptions.items()},
    )


def schedule_for_store(store) -> StoreSchedule:
    """The schedule of a StorePage from its own rows (prefetched ones, or a draft's unsaved
    ones in a preview). Two queries unless prefetched; for many stores at once, load the
    rows in bulk and use ``schedules_by_store_id``."""
    return schedule_from_rows(store.time_zone, store.opening_hours.all(), store.hours_exceptions.all())


def schedules_by_store_id(
    time_zones: Mapping[int, str], weekly_rows: Iterable, exception_rows: Iterable
) -> dict[int, StoreSchedule]:
    """``{store id: StoreSchedule}`` for every store of ``time_zones`` (``{store id: zone}``)
    from rows of any of those stores loaded together (each row has a ``store_id``)."""
    weekly, exceptions = {}, {}
    for row in weekly_rows:
        weekly.setdefault(row.store_id, []).append(row)
    for row in exception_rows:
        exceptions.setdefault(row.store_id, []).append(row)
    return {
        store_id: schedule_from_rows(zone, weekly.get(store_id, ()), exceptions.get(store_id, ()))
        for store_id, zone in time_zones.items()
    }


def local_instant(zone: ZoneInfo, day: date, wall_time: time) -> datetime:
    """``wall_time`` on ``day`` in ``zone`` as an aware datetime, by the module's rule for
    daylight-saving changes: ``fold=0``, then a round trip through UTC, so a time in the
    spring gap moves later by the gap and an ambiguous autumn time is its first occurrence."""
    naive = datetime.combine(day, wall_time.replace(tzinfo=None, fold=0))
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _require_aware(moment) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"Expected a datetime, got {type(moment).__name__}.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{moment.isoformat()} has no time zone; pass a timezone-aware datetime, "
            "e.g. from django.utils.timezone.now()."
        )
    return moment


def _periods_starting_on(schedule: StoreSchedule, day: date) -> list[OpenPeriod]:
    zone, periods = schedule.zone, []
    for interval in schedule.intervals_starting_on(day):
        closing_day = day + timedelta(days=1) if interval.closes_next_day else day
        period = OpenPeriod(local_instant(zone, day, interval.opens), local_instant(zone, closing_day, interval.closes))
        if _utc(period.closes) > _utc(period.opens):
            periods.append(period)
    return sorted(periods, key=lambda period: _utc(period.opens))


def intervals_on(schedule: StoreSchedule, day: date) -> list[OpenPeriod]:
    """The openings in effect on the local date ``day``: those that open on it (weekly or
    the date's exception) and an overnight one of the day before that runs into it, by
    opening time. Not merged or cut at midnight: each is an interval as entered."""
    midnight = _utc(local_instant(schedule.zone, day, time.min))
    day_before = _periods_starting_on(schedule, day - timedelta(days=1))
    from_day_before = [period for period in day_before if _utc(period.closes) > midnight]
    return from_day_before + _periods_starting_on(schedule, day)


def is_open(schedule: StoreSchedule, moment: datetime) -> bool:
    """Whether the store is open at the aware instant ``moment``."""
    day = _require_aware(moment).astimezone(schedule.zone).date()
    return any(moment in period for period in intervals_on(schedule, day))


def _openings(schedule: StoreSchedule, moment: datetime, until: datetime) -> Iterator[tuple[datetime, datetime]]:
    """``(opens, closes)`` in UTC of the openings (touching and overlapping intervals merged)
    that open from the day before ``moment``'s local date up to ``until``. The last one may
    be cut short: intervals opening after ``until`` are not read."""
    zone = schedule.zone
    day, last_day = moment.astimezone(zone).date() - timedelta(days=1), until.astimezone(zone).date()
    current = None
    while day <= last_day:
        for period in _periods_starting_on(schedule, day):
            opens, closes = _utc(period.opens), _utc(period.closes)
            if opens > until:
                break
            if current and opens <= current[1]:
                current = (current[0], max(current[1], closes))
                continue
            if current:
                yield current
            current = (opens, closes)
        day += timedelta(days=1)
    if current:
        yield current


def next_opening(schedule: StoreSchedule, moment: datetime) -> datetime | None:
    """When the store next opens after ``moment`` (strictly later; if it is open at
    ``moment``, its opening after the current one), in the store's zone; None if it does
    not open within ``SEARCH_DAYS`` days."""
    moment = _utc(_require_aware(moment))
    until = moment + timedelta(days=SEARCH_DAYS)
    for opens, _closes in _openings(schedule, moment, until):
        if opens > moment:
            return opens.astimezone(schedule.zone)
    return None


def next_closing(schedule: StoreSchedule, moment: datetime) -> datetime | None:
    """When the store next closes after ``moment`` (the end of the current opening when it
    is open), in the store's zone; None if it does not close within ``SEARCH_DAYS`` days."""
    moment = _utc(_require_aware(moment))
    until = moment + timedelta(days=SEARCH_DAYS)
    for _opens, closes in _openings(schedule, moment, until):
        if closes > moment:
            return closes.astimezone(schedule.zone) if closes <= until else None
    return None
