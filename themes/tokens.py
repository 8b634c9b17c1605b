"""Which theme a site uses on a day, and the theme as design tokens and CSS custom properties."""

from datetime import datetime

from django.utils import timezone

from cms.publishing import surrogate_keys

from .models import Theme
from .seasons import in_window

# Steps of the type scale as powers of the ratio, named as the storefront's style sheet uses them.
FONT_STEPS = {"sm": -1, "base": 0, "lg": 1, "xl": 2, "xxl": 3}
RENDITIONS = {"logo": "max-400x160", "favicon": "fill-64x64|format-png", "hero": "width-1600"}


def theme_for_day(themes, day):
    """A seasonal theme whose window holds ``day`` takes over from the default; ``None`` when
    neither applies. Should windows still overlap, the one that started last wins."""
    seasonal = [
        theme for theme in themes
        if theme.is_seasonal and in_window(theme.season_start, theme.season_end, theme.repeats_every_year, day)
    ]
    if seasonal:
        return max(seasonal, key=lambda theme: (theme.season_start, theme.pk))
    return next((theme for theme in themes if theme.is_default), None)


def active_theme(site, at=None):
    """The theme ``site`` uses at ``at`` (a date or an aware datetime; now when omitted)."""
    if site is None:
        return None
    if at is None:
        day = timezone.localdate()
    elif isinstance(at, datetime):
        day = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    else:
        day = at
    themes = Theme.objects.filter(site=site).select_related("logo", "favicon", "hero_image")
    return theme_for_day(list(themes), day)


def font_sizes(base, ratio):
    return {name: round(base * float(ratio) ** power, 2) for name, power in FONT_STEPS.items()}


def image_urls(theme):
    images = {"logo": theme.logo, "favicon": theme.favicon, "hero": theme.hero_image}
    return {name: image.get_rendition(RENDITIONS[name]).url if image else None for name, image in images.items()}


def color_tokens(theme):
    return {
        "primary": theme.primary_color,
        "secondary": theme.secondary_color,
        "accent": theme.accent_color,
        "background": theme.background_color,
        "surface": theme.surface_color,
        "text": theme.text_color,
    }


def font_tokens(theme):
    return {
        "family": theme.font_family,
        "base_size": theme.base_font_size,
        "scale_ratio": float(theme.type_scale_ratio),
        "sizes": font_sizes(theme.base_font_size, theme.type_scale_ratio),
    }


def theme_tokens(theme):
    """Sizes in pixels; image URLs are the site's own (relative unless media live on another host)."""
    return {
        "name": theme.name,
        "slug": theme.slug,
        "color": color_tokens(theme),
        "font": font_tokens(theme),
        "radius": theme.radius,
        "spacing": theme.spacing_unit,
        "images": image_urls(theme),
    }


def _css_url(url):
    # Storage URLs never hold these, but a quote or a newline would end the declaration.
    return 'url("' + url.replace("\\", "%5C").replace('"', "%22").replace("\n", "") + '")'


def css_properties(tokens):
    properties = {f"--color-{name}": value for name, value in tokens["color"].items()}
    properties["--font-family"] = tokens["font"]["family"]
    properties.update({f"--font-size-{name}": f"{size:g}px" for name, size in tokens["font"]["sizes"].items()})
    properties["--font-scale-ratio"] = f"{tokens['font']['scale_ratio']:g}"
    properties["--radius"] = f"{tokens['radius']}px"
    properties["--space"] = f"{tokens['spacing']}px"
    properties.update({f"--{name}-url": _css_url(url) for name, url in tokens["images"].items() if url})
    return properties


def theme_keys(theme):
    """The surrogate keys of what a theme's tokens are made of: its site's themes (which one
    is active depends on all of them) and its images."""
    images = (theme.logo_id, theme.favicon_id, theme.hero_image_id)
    return {surrogate_keys.themes(theme.site_id)} | {surrogate_keys.image(pk) for pk in images if pk}


def theme_css(theme):
    lines = [f"  {name}: {value};" for name, value in css_properties(theme_tokens(theme)).items()]
    return f"/* Theme: {theme.slug} */\n:root {{\n" + "\n".join(lines) + "\n}\n"
