import graphene

from .renditions import rendition_spec


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
        description="A resized copy. Sizes and formats are limited to the API's allowlist.",
    )
    srcset = graphene.String(
        required=True,
        widths=graphene.List(graphene.NonNull(graphene.Int), required=True),
        format=ImageFormat(),
        description="An HTML srcset of renditions at the given widths.",
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
        return image.get_rendition(rendition_spec(width, height, fill, _format_value(format)))

    @staticmethod
    def resolve_srcset(image, info, widths, format=None):
        specs = [rendition_spec(width=width, format=_format_value(format)) for width in widths]
        renditions = image.get_renditions(*specs)
        return ", ".join(f"{absolute_url(info, renditions[spec].url)} {renditions[spec].width}w" for spec in specs)
