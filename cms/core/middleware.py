"""Django's LocaleMiddleware for the pages, the admin and the reference storefront, and a
fixed language for the paths that take theirs from the request itself (the API's ``locale``
argument, a theme's or an image's own content): there the Accept-Language header would
only split a CDN's cache (``Vary: Accept-Language``) without changing a byte.
"""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ContentLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, except for ``LANGUAGE_NEUTRAL_PATHS`` (a regular expression of
    paths): those run in LANGUAGE_CODE, and their responses neither vary on
    Accept-Language nor carry a Content-Language of the shopper's browser."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.neutral = re.compile(settings.LANGUAGE_NEUTRAL_PATHS)

    def process_request(self, request):
        if self.neutral.match(request.path_info):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if self.neutral.match(request.path_info):
            return response
        return super().process_response(request, response)
