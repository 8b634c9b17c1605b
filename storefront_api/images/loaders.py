from wagtail.images import get_image_model

from cms.publishing import surrogate_keys
from storefront_api.core.loaders import RequestLoader


class ImageByIdLoader(RequestLoader):
    """Images with all their existing renditions, so asking for a rendition costs no query."""

    def batch_load(self, keys):
        surrogate_keys.record_all(surrogate_keys.image(pk) for pk in keys)
        return get_image_model().objects.filter(pk__in=keys).prefetch_renditions().in_bulk()
