"""URLs of the grapple benchmark server: grapple's endpoint at /grapple/graphql/, then the
site as deployed (page URLs in grapple's answers are reversed from its page routes).
Benchmark only."""

from django.urls import include, path

from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("grapple/", include("grapple.urls")), *site_urlpatterns]
