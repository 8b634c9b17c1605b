"""Which renditions callers may ask for: sizes and formats from an allowlist in settings,
so a client cannot make the server render unlimited variants."""

from storefront_api.core.errors import BadArgument
from storefront_api.settings import api_setting


def _check_size(name, value):
    allowed = api_setting("IMAGE_SIZES")
    if value is not None and value not in allowed:
        raise BadArgument(
            f"`{name}` {value} is not an allowed size; use one of {', '.join(map(str, allowed))}.", field=name
        )


def rendition_spec(width=None, height=None, fill=False, format=None):
    """The Wagtail filter spec for the requested rendition, or BadArgument naming the argument."""
    _check_size("width", width)
    _check_size("height", height)
    if format is not None and format not in api_setting("IMAGE_FORMATS"):
        allowed = ", ".join(api_setting("IMAGE_FORMATS"))
        raise BadArgument(f"`format` {format!r} is not allowed; use one of {allowed}.", field="format")
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
