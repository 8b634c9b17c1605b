from django.urls import path

from .images.views import serve_rendition
from .views import graphql_view

urlpatterns = [
    path("graphql", graphql_view(), name="graphql"),
    path(
        "images/<str:signature>/<int:image_id>/<str:filter_spec>/<str:filename>",
        serve_rendition,
        name="image_rendition",
    ),
]
