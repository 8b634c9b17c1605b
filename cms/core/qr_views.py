"""QR codes as images: public for live pages and offers (frontends link to them), and a download
for editors (any state, for printing before publishing)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cms.publishing import surrogate_keys

from .qr import FORMATS, KINDS, kind_model, public_objects, qr_image, qr_target_url

PUBLIC_MAX_AGE = 3600


def _store(request):
    """The store a code is made for (``?store=<id>``), if any: a live store page."""
    store_id = request.GET.get("store")
    if not store_id:
        return None
    if not store_id.isdigit():
        raise Http404("store must be a store page's id.")
    return get_object_or_404(public_objects("store"), pk=store_id)


def _image_response(request, obj, format):
    if format not in FORMATS:
        raise Http404("Unknown format.")
    url = qr_target_url(obj, _store(request), request)
    if url is None:
        raise Http404("This has no public URL.")
    return HttpResponse(qr_image(url, format), content_type=FORMATS[format])


@require_safe
def public_qr_code(request, kind, pk, format):
    if kind not in KINDS:
        raise Http404("Unknown kind.")
    with surrogate_keys.collecting() as keys:  # the object and the page its code opens
        obj = get_object_or_404(public_objects(kind), pk=pk)
        response = _image_response(request, obj, format)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return surrogate_keys.set_header(response, keys | {surrogate_keys.of(obj)}, None)


def _can_edit(user, kind, obj):
    if kind == "offer":
        return user.has_perm("offers.change_offer")
    return obj.permissions_for_user(user).can_edit()


@require_safe
def download_qr_code(request, kind, pk, format):
    """Behind the admin's login (registered with ``register_admin_urls``)."""
    if kind not in KINDS:
        raise Http404("Unknown kind.")
    obj = get_object_or_404(kind_model(kind), pk=pk)
    if not _can_edit(request.user, kind, obj):
        raise PermissionDenied
    response = _image_response(request, obj, format)
    name = getattr(obj, "slug", None) or f"offer-{obj.pk}"
    response["Content-Disposition"] = f'attachment; filename="qr-{kind}-{name}.{format}"'
    patch_cache_control(response, private=True, no_cache=True)
    return response
