from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/stock/", include("cms.catalog.stock_urls")),
    path("themes/", include("themes.urls")),
    path("qr/", include("cms.core.qr_urls")),
    path("", include("storefront_api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages are served per locale: /en/..., /it/...
urlpatterns += i18n_patterns(
    path("", include("themes.storefront.urls")),  # store finder and search, before the page catch-all
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
