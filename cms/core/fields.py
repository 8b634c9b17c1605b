"""Model fields that several domains declare alike."""

from django.db import models


def optional_image(verbose_name, **options):
    """A Wagtail image that may be left empty, and is emptied when the image is deleted."""
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        **options,
    )
