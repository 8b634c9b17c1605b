"""A GraphQL response never waits on image encoding: renditions not made yet come back as
signed URLs of the serving view, which renders them on their first fetch."""

import re

import pytest
import wagtail_factories
from django.conf import settings
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from storefront_api.images.renditions import rendition_refs
from storefront_api.settings import api_setting
from tests.factories import ProductFactory, ProductImageFactory

Rendition = get_image_model().get_rendition_model()

# The shape of the query that held a worker for 60 s while encoding 207 AVIF files.
AVIF_SRCSET = """query($first: Int!) { products(first: $first) { edges { node { images { image {
  srcset(widths: [160, 320, 480, 640, 800, 960, 1200, 1600, 2000], format: AVIF) } } } } } }"""
SERVE_URL = re.compile(r"http://testserver/images/[^/]+/(\d+)/([^/]+)/[^/ ]+")


@pytest.fixture(autouse=True)
def no_cached_renditions():
    # Wagtail caches renditions by image id; ids come again after each test's rollback.
    Rendition.cache_backend.clear()


@pytest.fixture
def products_with_images(home):
    images = [
        wagtail_factories.ImageFactory(title=f"Product {index}", file__width=900, file__height=600)
        for index in range(3)
    ]
    for image in images:
        ProductImageFactory(product=ProductFactory(), image=image)
    return images


def srcset_entries(srcset):
    return [entry.rsplit(" ", 1) for entry in srcset.split(", ")]


def test_a_srcset_of_renditions_not_made_yet_encodes_nothing_in_the_request(graphql, products_with_images):
    body = graphql(AVIF_SRCSET, {"first": 100})
    assert "errors" not in body, body
    assert Rendition.objects.count() == 0
    srcsets = [edge["node"]["images"][0]["image"]["srcset"] for edge in body["data"]["products"]["edges"]]
    assert len(srcsets) == 3
    for srcset in srcsets:
        entries = srcset_entries(srcset)
        assert len(entries) == 9
        for url, descriptor in entries:
            assert SERVE_URL.fullmatch(url), url
        # The original is 900 px wide: Wagtail never enlarges, so wider specs stay at 900.
        assert [descriptor for _url, descriptor in entries] == [
            "160w", "320w", "480w", "640w", "800w", "900w", "900w", "900w", "900w"
        ]


def test_the_first_fetch_renders_and_redirects_and_the_api_then_names_the_file(client, graphql, products_with_images):
    query = """{ products(first: 1) { edges { node { images { image {
        rendition(width: 320, format: WEBP) { url width height } } } } } } }"""
    first = graphql(query)["data"]["products"]["edges"][0]["node"]["images"][0]["image"]["rendition"]
    assert SERVE_URL.fullmatch(first["url"])
    assert (first["width"], first["height"]) == (320, 213)

    response = client.get(first["url"].removeprefix("http://testserver"))
    assert response.status_code == 302
    assert "public" in response["Cache-Control"]
    rendition = Rendition.objects.get()
    assert response["Location"] == rendition.url
    assert rendition.url.startswith(settings.MEDIA_URL) and rendition.url.endswith(".webp")
    assert (rendition.width, rendition.height) == (first["width"], first["height"])

    again = graphql(query)["data"]["products"]["edges"][0]["node"]["images"][0]["image"]["rendition"]
    assert again == {**first, "url": f"http://testserver{rendition.url}"}
    # A second fetch of the signed URL redirects to the same file without rendering again.
    assert client.get(first["url"].removeprefix("http://testserver"))["Location"] == rendition.url
    assert Rendition.objects.count() == 1


@pytest.mark.parametrize(
    "spec",
    ["width-320", "width-2000", "height-160", "max-480x480", "fill-160x160", "fill-2000x1600", "max-160x640|format-avif"],
)
def test_announced_sizes_are_the_sizes_wagtail_renders(db, spec):
    image = wagtail_factories.ImageFactory(file__width=900, file__height=600, focal_point_x=700, focal_point_y=100,
                                           focal_point_width=50, focal_point_height=50)
    announced = rendition_refs(image, [spec])[spec]
    rendered = image.get_rendition(Filter(spec=spec))
    assert (announced.width, announced.height) == (rendered.width, rendered.height)


def test_a_url_with_a_forged_signature_or_spec_is_refused(client, products_with_images):
    image = products_with_images[0]
    url = rendition_refs(image, ["width-320"])["width-320"].url
    signature, image_id, spec, filename = url.removeprefix("/images/").split("/")
    assert client.get(f"/images/{signature}/{image_id}/width-4000/{filename}").status_code == 403
    assert client.get(f"/images/{'A' * len(signature)}/{image_id}/{spec}/{filename}").status_code == 403
    assert Rendition.objects.count() == 0


def test_renditions_rendered_on_first_fetch_are_rate_limited_per_client(client, products_with_images):
    image = products_with_images[0]
    refs = rendition_refs(image, ["width-160", "width-320", "width-480"])
    urls = [refs[spec].url for spec in ("width-160", "width-320", "width-480")]
    with override_settings(STOREFRONT_API={**settings.STOREFRONT_API, "RENDITION_RATE_LIMIT": "2/minute"}):
        assert [client.get(url).status_code for url in urls] == [302, 302, 429]
        assert Rendition.objects.count() == 2
        # Renditions that exist are redirected to whatever the count says.
        assert client.get(urls[0]).status_code == 302


def test_srcset_widths_count_in_the_cost_and_may_not_repeat(graphql, products_with_images):
    one_width = graphql("{ products(first: 10) { edges { node { images { image { srcset(widths: [160]) } } } } } }")
    nine_widths = graphql(AVIF_SRCSET, {"first": 10})
    per_product = (nine_widths["extensions"]["cost"]["requested"] - one_width["extensions"]["cost"]["requested"]) / 10
    # Eight more renditions for each of the images a product may list.
    assert per_product == 8 * api_setting("DEFAULT_PAGE_SIZE")

    repeated = graphql("{ products(first: 1) { edges { node { images { image { srcset(widths: [160, 160]) } } } } } }")
    assert repeated["errors"][0]["extensions"] == {"code": "BAD_ARGUMENT", "field": "widths"}
