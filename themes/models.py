"""Brand themes: design tokens per site, one default and optional seasonal themes."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.core.fields import optional_image

from .contrast import AA_TEXT, AA_UI, HEX_COLOR, contrast_ratio, format_ratio
from .seasons import overlapping_windows

hex_color = RegexValidator(HEX_COLOR, _("Enter a colour as # followed by six hexadecimal digits, e.g. #1f4e79."))
# Only characters a CSS font-family list needs: nothing that could end the declaration or open a url().
FONT_FAMILY = re.compile(r"""^[A-Za-z0-9 ,'"\-]+$""")
font_family = RegexValidator(
    FONT_FAMILY,
    _("Use only letters, digits, spaces, commas, quotes and hyphens, e.g. Georgia, \"Times New Roman\", serif."),
)

SAFE_FONTS = "system-ui, sans-serif · Georgia, serif · \"Helvetica Neue\", Arial, sans-serif · ui-monospace, monospace"


def font_family_help():
    return _("A CSS font-family list of fonts shoppers already have, e.g. %(fonts)s.") % {"fonts": SAFE_FONTS}


def color_field(label, default, help_text):
    return models.CharField(label, max_length=7, default=default, validators=[hex_color], help_text=help_text)


class Theme(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("site"),
        help_text=_("The site this theme styles."),
    )
    name = models.CharField(_("name"), max_length=80, help_text=_("Shown to editors only, e.g. \"Christmas 2026\"."))
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Names the theme's style sheet: /themes/<slug>.css.")
    )
    primary_color = color_field(
        _("primary"), "#1f4e79", _("Links, buttons and other controls; needs 3:1 against the background.")
    )
    secondary_color = color_field(_("secondary"), "#5b3a29", _("Secondary buttons and highlights."))
    accent_color = color_field(_("accent"), "#b3541e", _("Focus outlines, badges and small accents."))
    background_color = color_field(_("background"), "#ffffff", _("The page background."))
    surface_color = color_field(_("surface"), "#f4f1ec", _("Cards, panels and other surfaces above the background."))
    text_color = color_field(
        _("text"), "#1d1d1f", _("Body text; needs 4.5:1 (WCAG AA) against both background and surface.")
    )
    font_family = models.CharField(
        _("font family"),
        max_length=200,
        default="system-ui, sans-serif",
        validators=[font_family],
        help_text=lazy(font_family_help, str)(),
    )
    base_font_size = models.PositiveSmallIntegerField(
        _("base font size"),
        default=16,
        validators=[MinValueValidator(12), MaxValueValidator(24)],
        help_text=_("Body text size in pixels (12–24)."),
    )
    type_scale_ratio = models.DecimalField(
        _("type scale ratio"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("1.250"),
        validators=[MinValueValidator(Decimal("1.05")), MaxValueValidator(Decimal("1.75"))],
        help_text=_("Each heading size is the previous one times this ratio (1.05–1.75; 1.25 is a major third)."),
    )
    radius = models.PositiveSmallIntegerField(
        _("corner radius"),
        default=8,
        validators=[MaxValueValidator(48)],
        help_text=_("Corner radius of cards and buttons in pixels."),
    )
    spacing_unit = models.PositiveSmallIntegerField(
        _("spacing unit"),
        default=16,
        validators=[MinValueValidator(2), MaxValueValidator(48)],
        help_text=_("The base spacing in pixels; layouts use multiples of it."),
    )
    logo = optional_image(_("logo"), help_text=_("Shown in the header; leave empty to show the site name."))
    favicon = optional_image(_("favicon"), help_text=_("A square image; browsers show it in tabs and bookmarks."))
    hero_image = optional_image(
        _("hero image"), help_text=_("A wide image frontends may show at the top of the home page.")
    )
    is_default = models.BooleanField(
        _("default theme"),
        default=False,
        help_text=_("The theme the site uses outside any seasonal window. One per site."),
    )
    season_start = models.DateField(
        _("season starts"),
        null=True,
        blank=True,
        help_text=_("First day of the seasonal window. Leave both dates empty for a non-seasonal theme."),
    )
    season_end = models.DateField(
        _("season ends"),
        null=True,
        blank=True,
        help_text=_("Last day of the seasonal window (included), e.g. 6 January for Christmas."),
    )
    repeats_every_year = models.BooleanField(
        _("repeats every year"),
        default=False,
        help_text=_("Use the window's days and months every year (the years of the dates are ignored)."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("site"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("primary_color"), FieldPanel("secondary_color"), FieldPanel("accent_color")]),
                FieldRowPanel([FieldPanel("background_color"), FieldPanel("surface_color"), FieldPanel("text_color")]),
            ],
            heading=_("Colours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("font_family"),
                FieldRowPanel([FieldPanel("base_font_size"), FieldPanel("type_scale_ratio")]),
                FieldRowPanel([FieldPanel("radius"), FieldPanel("spacing_unit")]),
            ],
            heading=_("Type and shape"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("hero_image")], heading=_("Images")),
        MultiFieldPanel(
            [
                FieldPanel("is_default"),
                FieldRowPanel([FieldPanel("season_start"), FieldPanel("season_end")]),
                FieldPanel("repeats_every_year"),
            ],
            heading=_("When it is used"),
        ),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["site", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site"], condition=Q(is_default=True), name="one_default_theme_per_site")
        ]

    def __str__(self):
        return self.name

    @property
    def is_seasonal(self):
        return self.season_start is not None and self.season_end is not None

    def clean(self):
        super().clean()
        errors = {}
        errors.update(self._contrast_errors())
        errors.update(self._window_errors())
        if not errors:
            errors.update(self._site_errors())
        if errors:
            raise ValidationError(errors)

    def _contrast_errors(self):
        checks = [
            ("text_color", _("Text on background"), self.text_color, self.background_color, AA_TEXT),
            ("surface_color", _("Text on surface"), self.text_color, self.surface_color, AA_TEXT),
            ("primary_color", _("Primary on background"), self.primary_color, self.background_color, AA_UI),
        ]
        errors = {}
        for field, label, foreground, background, needed in checks:
            if not (HEX_COLOR.match(foreground or "") and HEX_COLOR.match(background or "")):
                continue  # the field's own validator reports the bad colour
            ratio = contrast_ratio(foreground, background)
            if ratio < needed:
                errors[field] = _("%(pair)s has a contrast of %(ratio)s; WCAG AA needs %(needed)s.") % {
                    "pair": label,
                    "ratio": format_ratio(ratio),
                    "needed": f"{needed:g}:1",
                }
        return errors

    def _window_errors(self):
        if (self.season_start is None) != (self.season_end is None):
            missing = "season_end" if self.season_end is None else "season_start"
            return {missing: _("A seasonal window needs both a start and an end date.")}
        if not self.is_seasonal:
            if self.repeats_every_year:
                return {"repeats_every_year": _("Only a theme with a seasonal window can repeat every year.")}
            return {}
        if self.is_default:
            return {"is_default": _("A seasonal theme cannot be the default; leave its dates empty or untick this.")}
        if not self.repeats_every_year and self.season_end < self.season_start:
            return {"season_end": _("The window ends before it starts.")}
        return {}

    def _site_errors(self):
        if self.site_id is None:
            return {}
        others = Theme.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
        if self.is_default:
            default = others.filter(is_default=True).first()
            if default:
                return {"is_default": _("%(site)s already has a default theme: %(name)s.") % {
                    "site": self.site.site_name or self.site.hostname, "name": default.name}}
        if self.is_seasonal:
            for other in others.exclude(season_start=None).exclude(season_end=None):
                if overlapping_windows(self, other):
                    return {"season_start": _("This window overlaps the seasonal theme %(name)s (%(start)s – %(end)s).") % {
                        "name": other.name, "start": other.season_start, "end": other.season_end}}
        return {}
