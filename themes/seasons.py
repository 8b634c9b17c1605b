"""When a seasonal theme applies. A window has a start and an end day (both included); a window
that repeats every year uses only their months and days and may wrap over the year end."""

from datetime import date, timedelta

# A leap year, so that 29 February has a place in a repeating window.
_ANY_YEAR = 2000


def _month_day(day):
    return (day.month, day.day)


def in_window(start, end, repeats_every_year, day):
    if not repeats_every_year:
        return start <= day <= end
    first, last, today = _month_day(start), _month_day(end), _month_day(day)
    if first <= last:
        return first <= today <= last
    return today >= first or today <= last  # wraps over the year end, e.g. 1 Dec – 6 Jan


def overlapping_windows(one, other):
    """Whether two themes (with ``season_start``, ``season_end``, ``repeats_every_year``) share a day."""
    windows = [(theme.season_start, theme.season_end, theme.repeats_every_year) for theme in (one, other)]
    if not any(repeats for _start, _end, repeats in windows):
        (start_a, end_a, _), (start_b, end_b, _) = windows
        return start_a <= end_b and start_b <= end_a
    days = _days_to_check(windows)
    return any(all(in_window(*window, day) for window in windows) for day in days)


def _days_to_check(windows):
    """Every day of a one-off window (a year of them at most is enough against a repeating one),
    or every day of a leap year when both windows repeat."""
    one_off = [(start, end) for start, end, repeats in windows if not repeats]
    if one_off:
        start, end = one_off[0]
        end = min(end, start + timedelta(days=366))
    else:
        start, end = date(_ANY_YEAR, 1, 1), date(_ANY_YEAR, 12, 31)
    return (start + timedelta(days=offset) for offset in range((end - start).days + 1))
