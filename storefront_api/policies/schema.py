import graphene

from cms.policies.listing import market_code, policies_for_market
from cms.policies.models import ReturnPolicyPage as ReturnPolicyPageModel
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.pages.batches import remember_batch
from storefront_api.pages.context import record_page_list, visible_pages

from .types import ReturnPolicyPage


class ReturnPolicyQueries(graphene.ObjectType):
    return_policies = graphene.List(
        graphene.NonNull(ReturnPolicyPage),
        required=True,
        market=graphene.String(description="ISO 3166 country code, e.g. IT. All markets when omitted."),
        locale=locale_argument(),
        description="Return policies shoppers may see: by market, country-wide first, newest first.",
    )

    @staticmethod
    def resolve_return_policies(root, info, market=None, locale=None):
        code = market_code(market)
        if market is not None and code is None:
            raise BadArgument(f"`market` {market!r} is not an ISO 3166 country code.", field="market")
        locale = resolve_locale(locale)
        record_page_list(info, locale, ReturnPolicyPageModel)
        policies = policies_for_market(visible_pages(info, locale, ReturnPolicyPageModel), code)
        return remember_batch(info.context, policies)
