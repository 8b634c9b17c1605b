import graphene

from cms.core.listing import newest_first
from cms.guides.listing import filter_gift_guides
from cms.guides.models import GiftGuidePage as GiftGuidePageModel
from storefront_api.core.connections import connection_args
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.core.scalars import enum_value
from storefront_api.pages.batches import paginate_pages
from storefront_api.pages.context import record_page_list, visible_pages

from .types import GiftGuidePageConnection, GiftOccasion, GiftRecipient


class GiftGuideQueries(graphene.ObjectType):
    gift_guides = graphene.Field(
        GiftGuidePageConnection,
        required=True,
        recipient=GiftRecipient(description="Guides for this recipient, and guides for anyone."),
        occasion=GiftOccasion(description="Guides for this occasion, and guides for any occasion."),
        budget_max=graphene.Decimal(
            description="Guides whose budget ceiling is at most this; guides without a ceiling are left out."
        ),
        locale=locale_argument(),
        **connection_args(),
        description="Gift guides shoppers may see, newest first.",
    )

    @staticmethod
    def resolve_gift_guides(root, info, recipient=None, occasion=None, budget_max=None, locale=None, **page_args):
        if budget_max is not None and budget_max < 0:
            raise BadArgument("`budgetMax` must not be negative.", field="budgetMax")
        locale = resolve_locale(locale)
        record_page_list(info, locale, GiftGuidePageModel)  # a new guide changes the list
        guides = filter_gift_guides(
            visible_pages(info, locale, GiftGuidePageModel),
            recipient=enum_value(recipient),
            occasion=enum_value(occasion),
            budget_max=budget_max,
        )
        return paginate_pages(info, GiftGuidePageConnection, newest_first(guides), **page_args)
