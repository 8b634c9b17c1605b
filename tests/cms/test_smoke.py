from tests.factories import ProductFactory, StorePageFactory


def test_store_page_and_product_can_be_created(store_index):
    store = StorePageFactory(parent=store_index, title="Milano Duomo")
    product = ProductFactory()
    assert store.live and store.get_parent().specific == store_index
    assert product.locale.language_code == "en"
