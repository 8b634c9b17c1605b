from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class OfferForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("applies_to_all_stores") and "stores" in self.fields and not cleaned_data.get("stores"):
            self.add_error("stores", _("Choose at least one store, or tick “applies to all stores”."))
        return cleaned_data
