from django.urls import path, register_converter

from . import qr_views


class QrKind:
    regex = "store|story|guide|offer"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class QrFormat(QrKind):
    regex = "svg|png"


register_converter(QrKind, "qr_kind")
register_converter(QrFormat, "qr_format")

app_name = "qr"
urlpatterns = [path("<qr_kind:kind>/<int:pk>.<qr_format:format>", qr_views.public_qr_code, name="code")]
admin_urlpatterns = [
    path("qr/<qr_kind:kind>/<int:pk>.<qr_format:format>", qr_views.download_qr_code, name="qr_download")
]
