from cms.policies.models import ReturnPolicyMethod, ReturnWindow
from storefront_api.catalog.loaders import CategoryByIdLoader
from storefront_api.pages.loaders import RowsByParentIdLoader


class ReturnWindowsByPolicyIdLoader(RowsByParentIdLoader):
    model = ReturnWindow
    parent_field = "policy"

    def loaded(self, rows):
        CategoryByIdLoader.for_request(self.context).prime(window.category_id for window in rows)


class ReturnMethodsByPolicyIdLoader(RowsByParentIdLoader):
    model = ReturnPolicyMethod
    parent_field = "policy"
