"""The demo site's themes: an everyday default and a Christmas theme for the holiday season."""

from . import BRAND, SEASON

# (title, palette, motif, size, caption) of the generated images each theme uses.
THEME_IMAGES = {
    "logo": (f"{BRAND} logo", "ink", "dots", (800, 320), BRAND),
    "favicon": (f"{BRAND} favicon", "terracotta", "circles", (640, 640), "BL"),
    "hero": (f"{BRAND} everyday hero", "wheat", "arches", (1200, 675), "Made to last, made in Italy"),
    "christmas_hero": (f"{BRAND} Christmas hero", "berry", "stripes", (1200, 675), "Christmas at Bottega Lume"),
}

THEMES = [
    {
        "slug": "bottega-lume",
        "name": f"{BRAND} everyday",
        "is_default": True,
        "primary_color": "#8a3a1f",
        "secondary_color": "#4a5a2f",
        "accent_color": "#b3541e",
        "background_color": "#fffdf8",
        "surface_color": "#f4ede1",
        "text_color": "#2a211c",
        "font_family": '"Helvetica Neue", Arial, sans-serif',
        "images": {"logo": "logo", "favicon": "favicon", "hero_image": "hero"},
    },
    {
        "slug": f"christmas-{SEASON}",
        "name": f"Christmas {SEASON}",
        "season_start": f"{SEASON}-12-01",
        "season_end": f"{SEASON + 1}-01-06",
        "primary_color": "#a4161a",
        "secondary_color": "#1e5631",
        "accent_color": "#8c6d1f",
        "background_color": "#fffaf3",
        "surface_color": "#f3e9dc",
        "text_color": "#1b1b1b",
        "font_family": 'Georgia, "Times New Roman", serif',
        "radius": 12,
        "images": {"logo": "logo", "favicon": "favicon", "hero_image": "christmas_hero"},
    },
]
