"""The site's URLs with development media serving on, as cms/urls.py adds it when DEBUG is
true (the tests run with DEBUG off)."""

from django.conf import settings
from django.conf.urls.static import static
from django.test import override_settings

from cms.urls import urlpatterns as site_urlpatterns

with override_settings(DEBUG=True):
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + site_urlpatterns
