"""The store page's admin form: checks the opening hours as a whole."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.forms import kept_forms

from .hours import Interval, describe_overlap, find_overlaps, interval_problem


class StorePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        self._check_weekly_hours()
        self._check_exceptions()
        return cleaned_data

    def _check_weekly_hours(self):
        formset = self.formsets.get("opening_hours")
        if formset is None or not formset.is_valid():
            return
        intervals, forms = [], []
        for form in kept_forms(formset):
            data = form.cleaned_data
            problem = interval_problem(data.get("opens"), data.get("closes"), data.get("closes_next_day"))
            if problem:
                form.add_error("closes", problem)
                continue
            intervals.append(Interval(data["weekday"], data["opens"], data["closes"], data["closes_next_day"]))
            forms.append(form)
        for first, second in find_overlaps(intervals):
            forms[second].add_error("opens", describe_overlap(intervals[first], intervals[second]))

    def _check_exceptions(self):
        formset = self.formsets.get("hours_exceptions")
        if formset is None or not formset.is_valid():
            return
        by_date = {}
        closed_dates = set()
        for form in kept_forms(formset):
            data = form.cleaned_data
            has_times = data.get("opens") is not None or data.get("closes") is not None
            if data.get("closed"):
                closed_dates.add(data.get("date"))
                if has_times:
                    form.add_error("closed", _("A closed day has no opening times; clear them or untick “closed”."))
                continue
            problem = interval_problem(data.get("opens"), data.get("closes"), data.get("closes_next_day"))
            if problem:
                form.add_error("closes", problem)
                continue
            interval = Interval(0, data["opens"], data["closes"], data["closes_next_day"])
            by_date.setdefault(data["date"], []).append((interval, form))
        for date in closed_dates & set(by_date):
            for _interval, form in by_date[date]:
                form.add_error("date", _("This date is also marked as closed; keep either the closure or the hours."))
        for entries in by_date.values():
            intervals = [interval for interval, _form in entries]
            for first, second in find_overlaps(intervals, wrap_week=False):
                message = describe_overlap(intervals[first], intervals[second], weekly=False)
                entries[second][1].add_error("opens", message)
