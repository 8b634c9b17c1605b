import pytest

from cms.core.qr import qr_image, qr_target_url
from tests.factories import OfferFactory, StorePageFactory


@pytest.fixture
def store(store_index):
    return StorePageFactory(parent=store_index, title="Milano Duomo", slug="milano-duomo")


def test_store_qr_code_url_serves_the_stores_code(graphql, client, store):
    body = graphql('{ store(slug: "milano-duomo") { svg: qrCodeUrl png: qrCodeUrl(format: PNG) } }')
    urls = body["data"]["store"]
    assert urls == {"svg": f"http://testserver/qr/store/{store.pk}.svg", "png": f"http://testserver/qr/store/{store.pk}.png"}
    response = client.get(urls["svg"].removeprefix("http://testserver"))
    assert response.content == qr_image(qr_target_url(store), "svg")


def test_offer_qr_code_url(graphql, store):
    offer = OfferFactory.for_stores([store])
    body = graphql("{ offers { edges { node { qrCodeUrl } } } }")
    assert body["data"]["offers"]["edges"] == [{"node": {"qrCodeUrl": f"http://testserver/qr/offer/{offer.pk}.svg"}}]
