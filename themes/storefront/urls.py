from django.urls import path

from . import views

app_name = "storefront"
urlpatterns = [
    path("find-a-store/", views.store_finder, name="store_finder"),
    path("search/", views.search, name="search"),
]
