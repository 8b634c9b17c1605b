"""GraphQL types of themes: the active theme's design tokens, typed."""

import graphene

from storefront_api.images.types import Image
from themes.context_processors import theme_css_url
from themes.tokens import color_tokens, font_tokens


class ThemeColors(graphene.ObjectType):
    """Colours as #rrggbb. Text reaches WCAG AA (4.5:1) on background and surface."""

    primary = graphene.String(required=True)
    secondary = graphene.String(required=True)
    accent = graphene.String(required=True)
    background = graphene.String(required=True)
    surface = graphene.String(required=True)
    text = graphene.String(required=True)


class ThemeFontSizes(graphene.ObjectType):
    """The type scale in pixels: base × ratio to the power -1, 0, 1, 2, 3."""

    sm = graphene.Float(required=True)
    base = graphene.Float(required=True)
    lg = graphene.Float(required=True)
    xl = graphene.Float(required=True)
    xxl = graphene.Float(required=True)


class ThemeFont(graphene.ObjectType):
    family = graphene.String(required=True, description="A CSS font-family list.")
    base_size = graphene.Int(required=True, description="Body text size in pixels.")
    scale_ratio = graphene.Float(required=True)
    sizes = graphene.Field(ThemeFontSizes, required=True)


class Theme(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    colors = graphene.Field(ThemeColors, required=True)
    font = graphene.Field(ThemeFont, required=True)
    radius = graphene.Int(required=True, description="Corner radius in pixels.")
    spacing = graphene.Int(required=True, description="The base spacing unit in pixels.")
    logo = graphene.Field(Image)
    favicon = graphene.Field(Image)
    hero_image = graphene.Field(Image)
    is_seasonal = graphene.Boolean(required=True)
    season_start = graphene.Date(description="First day of the seasonal window, for a seasonal theme.")
    season_end = graphene.Date(description="Last day (included) of the seasonal window.")
    css_url = graphene.String(required=True, description="The tokens as CSS custom properties (a style sheet).")

    @staticmethod
    def resolve_colors(theme, info):
        return color_tokens(theme)

    @staticmethod
    def resolve_font(theme, info):
        return font_tokens(theme)

    @staticmethod
    def resolve_spacing(theme, info):
        return theme.spacing_unit

    @staticmethod
    def resolve_css_url(theme, info):
        return info.context.build_absolute_uri(theme_css_url(theme))
