from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.forms import kept_forms


def _reject_repeats(formset, field, message):
    seen = set()
    for form in kept_forms(formset):
        value = form.cleaned_data.get(field)
        if value is not None and value in seen:
            form.add_error(field, message)
        seen.add(value)


class ReturnPolicyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        windows = self.formsets.get("return_windows")
        if windows is not None and windows.is_valid():
            _reject_repeats(windows, "category", _("This category already has a return window."))
        methods = self.formsets.get("return_methods")
        if methods is not None and methods.is_valid():
            _reject_repeats(methods, "method", _("This return method is listed twice."))
        return cleaned_data
