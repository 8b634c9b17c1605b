"""Which renditions callers may ask for, and how the API answers without encoding images.

Sizes and formats come from an allowlist in settings, so a client cannot make the server
render unlimited variants. A GraphQL response never waits on image processing: a rendition
that exists is served from its file; one that does not yet exist is answered with a signed
URL of the image-serving view (`views.py`), which renders it on its first fetch and redirects
to the file from then on. Its size is computed from the original's dimensions and
the filter, exactly as Wagtail will render it, so `width` and `height` are known at once.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.images.models import Filter
from wagtail.images.utils import generate_signature

from storefront_api.core.errors import BadArgument
from storefront_api.settings import api_setting

SERVE_VIEW = "image_rendition"


@dataclass(frozen=True)
class RenditionRef:
    """A rendition as the API shows it: where to fetch it and its size."""

    url: str
    width: int
    height: int


def _check_size(name, value):
    allowed = api_setting("IMAGE_SIZES")
    if value is not None and value not in allowed:
        raise BadArgument(
            f"`{name}` {value} is not an allowed size; use one of {', '.join(map(str, allowed))}.", field=name
        )


def _check_format(format):
    if format is not None and format not in api_setting("IMAGE_FORMATS"):
        allowed = ", ".join(api_setting("IMAGE_FORMATS"))
        raise BadArgument(f"`format` {format!r} is not allowed; use one of {allowed}.", field="format")


def rendition_spec(width=None, height=None, fill=False, format=None):
    """The Wagtail filter spec for the requested rendition, or BadArgument naming the argument."""
    _check_size("width", width)
    _check_size("height", height)
    _check_format(format)
    if fill:
        if width is None or height is None:
            raise BadArgument("`fill` needs both `width` and `height`.", field="fill")
        spec = f"fill-{width}x{height}"
    elif width is not None and height is not None:
        spec = f"max-{width}x{height}"
    elif width is not None:
        spec = f"width-{width}"
    elif height is not None:
        spec = f"height-{height}"
    else:
        spec = "original"
    if format is not None:
        spec += f"|format-{format}"
    return spec


def srcset_specs(widths, format=None):
    """One filter spec per width of a srcset; each width allowed and named once."""
    if len(set(widths)) != len(widths):
        raise BadArgument("`widths` names a width more than once.", field="widths")
    if not widths:
        raise BadArgument("`widths` needs at least one width.", field="widths")
    return [rendition_spec(width=width, format=format) for width in widths]


def serve_url(image, spec):
    """The signed URL of the view that renders ``spec`` of ``image`` on first fetch."""
    signature = generate_signature(image.pk, spec)
    filename = image.file.name.rsplit("/", 1)[-1]
    return reverse(SERVE_VIEW, args=(signature, image.pk, spec, filename))


def rendition_refs(image, specs):
    """``{spec: RenditionRef}`` for ``specs`` of ``image``, encoding nothing. Renditions
    prefetched with the image (ImageByIdLoader) are found without a query."""
    filters = {spec: Filter(spec=spec) for spec in specs}
    existing = image.find_existing_renditions(*filters.values())
    refs = {}
    for spec, filter in filters.items():
        rendition = existing.get(filter)
        if rendition is not None:
            refs[spec] = RenditionRef(rendition.url, rendition.width, rendition.height)
        else:
            width, height = filter.get_transform(image).size
            refs[spec] = RenditionRef(serve_url(image, spec), width, height)
    return refs
