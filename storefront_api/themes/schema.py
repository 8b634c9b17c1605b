import graphene

from storefront_api.pages.context import requesting_site
from themes.tokens import active_theme

from .types import Theme


class ThemeQueries(graphene.ObjectType):
    theme = graphene.Field(
        Theme,
        at=graphene.DateTime(description="When to look at (default: now); a seasonal theme takes over in its window."),
        description="The requesting site's active theme: its seasonal theme in season, else its default.",
    )

    @staticmethod
    def resolve_theme(root, info, at=None):
        return active_theme(requesting_site(info), at)
