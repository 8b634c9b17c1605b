"""GraphQL types of return policies."""

import graphene
from django.utils import translation

from cms.policies import models
from cms.policies.listing import market_currency
from storefront_api.blocks.streams import StreamUnion, page_stream
from storefront_api.blocks.types import FAQItemBlock
from storefront_api.catalog.loaders import CategoryByIdLoader
from storefront_api.catalog.types import Category
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.core.scalars import Money, choices_enum, content_html
from storefront_api.pages.batches import related_for_batch
from storefront_api.pages.interface import Page
from storefront_api.pages.registry import page_type

from .loaders import ReturnMethodsByPolicyIdLoader, ReturnWindowsByPolicyIdLoader

ReturnMethod = choices_enum("ReturnMethod", models.ReturnMethod, "How shoppers can send a purchase back.")


class ReturnPolicyFaqBlock(StreamUnion):
    """The blocks a return policy's `faq` may hold."""

    class Meta:
        types = (FAQItemBlock,)


class ReturnWindow(graphene.ObjectType):
    """Days to return products of a category (and its subcategories) instead of the default."""

    category = graphene.Field(Category, required=True)
    days = graphene.Int(required=True)

    @staticmethod
    def resolve_category(window, info):
        return CategoryByIdLoader.for_request(info.context).load(window.category_id)


class ReturnPolicyMethod(graphene.ObjectType):
    method = graphene.Field(ReturnMethod, required=True)
    conditions = graphene.String(required=True)
    fee = graphene.Field(Money, description="0 for free returns; null when the market's currency is unknown.")


@page_type(models.ReturnPolicyPage)
class ReturnPolicyPage(graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    summary = graphene.String(required=True)
    market = graphene.String(required=True, description="ISO 3166 code of the country the policy applies to.")
    market_name = graphene.String(required=True, description="The country's name in the page's language.")
    region = graphene.String(required=True, description="A region of the market with its own rules; empty for all.")
    effective_date = graphene.Date(required=True)
    default_return_days = graphene.Int(required=True, description="Unless a return window says otherwise.")
    return_windows = graphene.List(graphene.NonNull(ReturnWindow), required=True)
    return_methods = graphene.List(graphene.NonNull(ReturnPolicyMethod), required=True)
    exceptions = graphene.String(required=True, description="HTML: what cannot be returned.")
    faq = graphene.List(graphene.NonNull(ReturnPolicyFaqBlock), required=True)

    @staticmethod
    def resolve_market(page, info):
        return page.market.code

    @staticmethod
    def resolve_market_name(page, info):
        with translation.override(LocaleByIdLoader.language_code(info.context, page.locale_id)):
            return str(page.market.name)

    @staticmethod
    def resolve_return_windows(page, info):
        return related_for_batch(info, page, "return_windows", ReturnWindowsByPolicyIdLoader)

    @staticmethod
    def resolve_return_methods(page, info):
        currency = market_currency(page.market)
        return [
            ReturnPolicyMethod(
                method=row.method,
                conditions=row.conditions,
                fee=Money(amount=row.fee, currency=currency) if currency else None,
            )
            for row in related_for_batch(info, page, "return_methods", ReturnMethodsByPolicyIdLoader)
        ]

    @staticmethod
    def resolve_exceptions(page, info):
        return content_html(info, page, page.exceptions)

    @staticmethod
    def resolve_faq(page, info):
        return page_stream(info, page, "faq")
