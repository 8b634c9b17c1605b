from wagtail.images import get_image_model

from storefront_api.core.loaders import RequestLoader


class ImageByIdLoader(RequestLoader):
    """Images with all their existing renditions, so asking for a rendition costs no query."""

    def batch_load(self, keys):
        return get_image_model().objects.filter(pk__in=keys).prefetch_renditions().in_bulk()
