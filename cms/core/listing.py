"""Orders of page lists that several domains share."""

from django.db.models import F


def newest_first(pages):
    """Most recently first-published first; ties in tree order."""
    return pages.order_by(F("first_published_at").desc(nulls_last=True), "path")
