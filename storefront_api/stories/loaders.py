from cms.stories.models import ProductStoryPage
from storefront_api.pages.loaders import ChosenIdsLoader


class RelatedProductIdsByStoryIdLoader(ChosenIdsLoader):
    model = ProductStoryPage
    field_name = "related_products"


class RelatedStoreIdsByStoryIdLoader(ChosenIdsLoader):
    model = ProductStoryPage
    field_name = "related_stores"
