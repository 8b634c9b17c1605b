"""The default site's themes (see cms/demo/data/themes.py), created once and validated."""

from datetime import date

from wagtail.models import Site

from cms.demo.data.themes import THEME_IMAGES, THEMES
from cms.demo.images import ImageSpec
from themes.models import Theme


def _image(context, key):
    title, palette, motif, size, caption = THEME_IMAGES[key]
    return context.images.get(ImageSpec(title=title, description=title, palette=palette, motif=motif, size=size, caption=caption))


def build_themes(context):
    context.report.step("Themes")
    site = Site.objects.get(is_default_site=True)
    for data in THEMES:
        if Theme.objects.filter(slug=data["slug"]).exists():
            context.report.count("themes", existing=1)
            continue
        fields = {key: value for key, value in data.items() if key != "images"}
        for key in ("season_start", "season_end"):
            if key in fields:
                fields[key] = date.fromisoformat(fields[key])
        images = {field: _image(context, key) for field, key in data["images"].items()}
        theme = Theme(site=site, **fields, **images)
        theme.full_clean()
        theme.save()
        context.report.count("themes", created=1)
    context.report.done("themes")
