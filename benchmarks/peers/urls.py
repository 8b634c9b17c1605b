"""URLs of the benchmark server: Wagtail's REST API v2 and the floor, then the site as
deployed (our /graphql and the pages). Benchmark only."""

from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

from .floor import floor_view
from .rest import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("floor/<str:read>", floor_view),
    *site_urlpatterns,
]
