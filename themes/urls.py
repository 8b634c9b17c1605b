from django.urls import path

from . import views

app_name = "themes"
urlpatterns = [
    # Before <slug>.css: "active" is not a theme's slug.
    path("active.css", views.active_stylesheet, name="active_css"),
    path("<slug:slug>.css", views.theme_stylesheet, name="css"),
]
