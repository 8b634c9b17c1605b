import graphene

from cms.publishing import surrogate_keys
from storefront_api.pages.context import requesting_site
from themes.tokens import active_theme, theme_keys

from .types import Theme


class ThemeQueries(graphene.ObjectType):
    theme = graphene.Field(
        Theme,
        at=graphene.DateTime(description="When to look at (default: now); a seasonal theme takes over in its window."),
        description="The requesting site's active theme: its seasonal theme in season, else its default.",
    )

    @staticmethod
    def resolve_theme(root, info, at=None):
        site = requesting_site(info)
        theme = active_theme(site, at)
        surrogate_keys.record_all(theme_keys(theme) if theme else {surrogate_keys.themes(site.pk)})
        return theme
