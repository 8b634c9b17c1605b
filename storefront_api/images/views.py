"""The image-serving view behind the API's rendition URLs (renditions.py).

A URL names an image, a filter spec and a signature of both made with SECRET_KEY, so only
specs the API handed out (sizes and formats from its allowlist) are ever rendered. The first
fetch renders the rendition (counted against RENDITION_RATE_LIMIT per client, since that is
the expensive part); every fetch is answered with a redirect to the rendition's file, which
browsers and CDNs may cache.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.images.utils import verify_signature

from cms.publishing import surrogate_keys
from storefront_api.rate_limit import over_limit

REDIRECT_MAX_AGE = 3600


def serve_rendition(request, signature, image_id, filter_spec, filename=None):
    if not verify_signature(signature.encode(), image_id, filter_spec):
        raise PermissionDenied
    image = get_object_or_404(get_image_model(), pk=image_id)
    try:
        filter = Filter(spec=filter_spec)
        rendition = image.find_existing_renditions(filter).get(filter)
        if rendition is None:
            refused = over_limit(request, "RENDITION_RATE_LIMIT")
            if refused:
                return refused
            rendition = image.get_rendition(filter)
    except SourceImageIOError:
        return HttpResponse("Source image file not found", content_type="text/plain", status=410)
    except InvalidFilterSpecError:
        return HttpResponse(f"Invalid filter spec: {filter_spec}", content_type="text/plain", status=400)
    response = redirect(rendition.url)
    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
    return surrogate_keys.set_header(response, {surrogate_keys.image(image.pk)}, None)
