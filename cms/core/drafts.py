"""New pages that were never published: leading editors back to them.

What Wagtail 8's autosave does for a new page (wagtail/admin/views/pages/create.py, the
``w-autosave`` controller of wagtailadmin/pages/create.html): about half a second
(``WAGTAIL_AUTOSAVE_INTERVAL``) after the editor's first change, the create form is posted
in the background as a draft save. Once it is valid as a draft — a title, hence a slug — the
page is added below its parent, unpublished, with a first revision, and the browser turns
the create view into the page's edit view (the address changes; later autosaves edit it).
An editor who leaves has therefore left a draft page in the tree, and creating the page again
fails: "The slug … is already in use within the parent page".

That draft is the editor's work, saved so that nothing typed is lost: deleting abandoned
drafts behind the editors' backs would lose it, and turning autosave off for new pages would
give back the loss it prevents. The admin leads the editor to the draft instead:

* opening "Add <page type>" below a parent lists the editor's own never-published drafts of
  that type there, each with "Continue editing" and "Delete" buttons;
* a new page whose slug is taken by a never-published draft names that draft, who started it
  and when, with the same buttons, next to Wagtail's own slug error.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

#: How many of an editor's drafts the "Add page" view lists.
MAX_LISTED = 3


def never_published(pages):
    return pages.filter(live=False, first_published_at__isnull=True)


def draft_buttons(page):
    return [
        messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Continue editing")),
        messages.button(reverse("wagtailadmin_pages:delete", args=[page.pk]), _("Delete")),
    ]


def describe(page):
    started = page.latest_revision_created_at or page.first_published_at
    return {
        "title": page.get_admin_display_title(),
        "owner": page.owner.get_username() if page.owner else _("someone"),
        "date": date_format(localtime(started), "DATETIME_FORMAT") if started else "",
    }


def expects_json(request):
    """Autosave posts ask for JSON; their messages would only show on a later page."""
    return request.headers.get("Accept") == "application/json"


def lead_to_drafts(request, parent_page, page_class):
    """The ``before_create_page`` hook: see the module's docstring."""
    if request.method == "GET":
        drafts = never_published(page_class.objects.child_of(parent_page)).filter(owner=request.user)
        for page in drafts.order_by("-latest_revision_created_at")[:MAX_LISTED]:
            message = _(
                "You started “%(title)s” here on %(date)s and never published it; it was saved as a draft. "
                "Continue editing it rather than starting again?"
            )
            messages.info(request, message % describe(page), buttons=draft_buttons(page))
    elif request.method == "POST" and not expects_json(request):
        slug = request.POST.get("slug", "").strip()
        taken = Page.objects.child_of(parent_page).filter(slug=slug).select_related("owner") if slug else None
        draft = never_published(taken).first() if taken is not None else None
        if draft is not None:
            message = _(
                "The address “%(slug)s” is taken by “%(title)s”, a draft %(owner)s started on %(date)s and never "
                "published. Continue editing it, or delete it to start again."
            )
            messages.warning(request, message % {"slug": slug, **describe(draft)}, buttons=draft_buttons(draft))
    return None
