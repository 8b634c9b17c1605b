def kept_forms(formset):
    """The validated forms of an inline formset that the editor did not delete or leave empty."""
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or (formset.can_delete and data.get("DELETE")):
            continue
        yield form
