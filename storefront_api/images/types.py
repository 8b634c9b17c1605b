import graphene

from .renditions import rendition_refs, rendition_spec, srcset_specs


class ImageFormat(graphene.Enum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    AVIF = "avif"


class FocalPoint(graphene.ObjectType):
    """The part of the image that crops keep, in pixels of the original."""

    x = graphene.Int(required=True)
    y = graphene.Int(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


def absolute_url(info, url):
    if url.startswith(("http://", "https://")):
        return url
    return info.context.build_absolute_uri(url)


class Rendition(graphene.ObjectType):
    """A resized copy: its file when it exists, else a URL that renders it on first fetch."""

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)

    @staticmethod
    def resolve_url(rendition, info):
        return absolute_url(info, rendition.url)


def _format_value(format):
    return format.value if hasattr(format, "value") else format


class Image(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    alt = graphene.String(required=True, description="Alternative text: the image's description, else its title.")
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    focal_point = graphene.Field(FocalPoint)
    rendition = graphene.Field(
        Rendition,
        required=True,
        width=graphene.Int(),
        height=graphene.Int(),
        fill=graphene.Boolean(default_value=False, description="Crop to exactly width × height around the focal point."),
        format=ImageFormat(),
        description=(
            "A resized copy. Sizes and formats are limited to the API's allowlist. A rendition "
            "not made yet gets a URL that makes it when first fetched (the response never waits)."
        ),
    )
    srcset = graphene.String(
        required=True,
        widths=graphene.List(graphene.NonNull(graphene.Int), required=True),
        format=ImageFormat(),
        description="An HTML srcset of renditions at the given widths (each allowed, each once).",
    )

    @staticmethod
    def resolve_alt(image, info):
        return image.default_alt_text

    @staticmethod
    def resolve_focal_point(image, info):
        if image.focal_point_x is None:
            return None
        return FocalPoint(
            x=image.focal_point_x, y=image.focal_point_y, width=image.focal_point_width, height=image.focal_point_height
        )

    @staticmethod
    def resolve_rendition(image, info, width=None, height=None, fill=False, format=None):
        spec = rendition_spec(width, height, fill, _format_value(format))
        return rendition_refs(image, [spec])[spec]

    @staticmethod
    def resolve_srcset(image, info, widths, format=None):
        specs = srcset_specs(widths, _format_value(format))
        refs = rendition_refs(image, specs)
        return ", ".join(f"{absolute_url(info, refs[spec].url)} {refs[spec].width}w" for spec in specs)
