"""``qrCodeUrl``: the public QR code image (cms/core/qr.py) of a store page, story, gift guide or offer."""

import graphene
from django.urls import reverse


class QrCodeFormat(graphene.Enum):
    SVG = "svg"
    PNG = "png"


def qr_code_url_field(kind):
    def resolve(obj, info, format=QrCodeFormat.SVG.value):
        path = reverse("qr:code", args=[kind, obj.pk, getattr(format, "value", format)])
        return info.context.build_absolute_uri(path)

    return graphene.String(
        required=True,
        format=QrCodeFormat(default_value=QrCodeFormat.SVG.value),
        resolver=resolve,
        description="A QR code of the public URL with campaign parameters (utm_medium=qr), for print. "
        "Served for live content only.",
    )
