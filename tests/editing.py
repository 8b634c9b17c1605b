"""Act as an editor in the Wagtail admin: post the forms the admin's own pages post,
to the admin's own URLs, and read back what the admin answered.

Form data is built with Wagtail's ``wagtail.test.utils.form_data`` helpers
(``nested_form_data``, ``inline_formset``, ``streamfield``, ``rich_text``).
"""

import json
import re
from html import unescape

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Locale

PUBLISH = {"action-publish": "action-publish"}


# --- URLs -------------------------------------------------------------------------------


def _model_args(model):
    return [model._meta.app_label, model._meta.model_name]


def page_add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[*_model_args(model), parent.pk])


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def page_preview_on_add_url(model, parent):
    return reverse("wagtailadmin_pages:preview_on_add", args=[*_model_args(model), parent.pk])


def page_preview_on_edit_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def snippet_url(model, view, *args):
    """``view`` is one of add, edit, preview_on_add, preview_on_edit, list, …"""
    app_label, model_name = _model_args(model)
    return reverse(f"wagtailsnippets_{app_label}_{model_name}:{view}", args=args)


# --- Actions ----------------------------------------------------------------------------


def post_form(client, url, data, publish=False):
    """Save (as a draft) or publish; a successful save redirects."""
    return client.post(url, {**data, **(PUBLISH if publish else {})})


def preview(client, url, data):
    """Send the form to the preview view (as the live preview panel does), then render it."""
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}, response.json()
    rendered = client.get(url)
    assert rendered.status_code == 200
    return rendered


def translate_page(client, page, language_code="it"):
    locale = Locale.objects.get(language_code=language_code)
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale.pk]})


def translate_snippet(client, snippet, language_code="it"):
    locale = Locale.objects.get(language_code=language_code)
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=[*_model_args(type(snippet)), snippet.pk],
    )
    return client.post(url, {"locales": [locale.pk]})


def admin_datetime(moment):
    """``moment`` as an editor types it into a date-time field: in their time zone, which is
    ADMIN_TIME_ZONE for a new editor (cms/core/accounts.py)."""
    return moment.astimezone(ZoneInfo(settings.ADMIN_TIME_ZONE)).strftime("%Y-%m-%d %H:%M")


# --- Reading answers --------------------------------------------------------------------


def assert_redirected(response):
    """A save or publish the admin accepted answers with a redirect; show the errors if not."""
    if response.status_code != 302:
        form = response.context and response.context.get("form")
        raise AssertionError(f"expected a redirect, got {response.status_code}: {describe_errors(form)}")


def describe_errors(form):
    if form is None:
        return "no form in the context"
    errors = {"form": form.errors}
    for name, formset in getattr(form, "formsets", {}).items():
        errors[name] = [f.errors for f in formset.forms if f.errors] + list(formset.non_form_errors())
    return errors


def field_errors(response, field, formset=None, index=0):
    """The messages the admin shows on ``field`` (of form ``index`` of ``formset``, if given)."""
    form = response.context["form"]
    if formset is not None:
        form = form.formsets[formset].forms[index]
    return [str(message) for message in form.errors.get(field, [])]


def assert_field_error(response, field, contains="", formset=None, index=0):
    """The response is the form again (not saved), with an error on ``field`` shown to the editor."""
    assert response.status_code == 200, f"expected the form with errors, got {response.status_code}"
    messages = field_errors(response, field, formset=formset, index=index)
    assert messages, f"no error on {field!r}; errors: {describe_errors(response.context['form'])}"
    matching = [message for message in messages if contains in message]
    assert matching, f"no error on {field!r} containing {contains!r}: {messages}"
    html = response.content.decode()
    assert any(escape(message) in html for message in matching), f"{matching} not shown in the page"
    return matching[0]


def list_block(items):
    """ListBlock form data (the counterpart of ``streamfield`` for a list inside a block)."""
    data = {str(index): {"value": value, "deleted": "", "order": str(index)} for index, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def block_errors(response, field):
    """The nested error data the admin sends to a StreamField's editor (as JSON)."""
    errors = response.context["form"].errors.get(field)
    assert errors, f"no error on {field!r}; errors: {describe_errors(response.context['form'])}"
    return errors.as_data()[0].as_json_data()


def assert_block_error(response, field, path, contains):
    """The StreamField ``field`` shows an error on the block at ``path`` (stream/list indexes
    and struct child names, e.g. ``[0, "picks", 1, "product"]``) containing ``contains``."""
    assert response.status_code == 200, f"expected the form with errors, got {response.status_code}"
    node = block_errors(response, field)
    for step in path:
        node = node["blockErrors"][step]
    matching = [message for message in node["messages"] if contains in message]
    assert matching, f"no error at {path} containing {contains!r}: {node['messages']}"
    # The editor receives the messages as JSON inside an HTML attribute.
    html = response.content.decode()
    assert escape(json.dumps(matching[0])) in html, f"{matching[0]!r} not sent to the StreamField editor"
    return matching[0]


def translate_ancestors(page, language_code="it"):
    """Setup for translating ``page``: copy its ancestors (below the root) into the language,
    as an editor would have done before; Wagtail refuses to translate a page whose parent is
    not translated."""
    locale = Locale.objects.get(language_code=language_code)
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.has_translation(locale):
            ancestor.copy_for_translation(locale)
    return locale


def content_checks(response):
    """The warnings of the "Checks before publishing" panel of an edit view (empty when it
    shows none)."""
    assert response.status_code == 200, f"expected the edit form, got {response.status_code}"
    html = response.content.decode()
    match = re.search(r"<ul data-content-checks>(.*?)</ul>", html, re.S)
    if match is None:
        return []
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]
