"""StreamField blocks shared by every content domain.

Page types pick from these; the GraphQL layer has one typed block per class here.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .widgets import LOCALE_LINKED_FIELDS

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2", label=_("Level")
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "core/blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        label = _("Paragraph")
        icon = "pilcrow"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Alt text"),
        help_text=_("Describe the image for screen readers. Leave empty to use the image's description."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        label = _("Image")
        icon = "image"
        template = "core/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("Attribution"))

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "core/blocks/quote_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video"), help_text=_("A YouTube or Vimeo link, for example https://www.youtube.com/watch?v=…")
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        label = _("Video")
        icon = "media"
        template = "core/blocks/video_block.html"


class LocalizedSnippetChooserBlock(SnippetChooserBlock):
    """A snippet chooser block whose modal opens on the language of the page being edited."""

    @cached_property
    def widget(self):
        chooser = super().widget
        chooser.linked_fields = LOCALE_LINKED_FIELDS
        return chooser


class LocalizedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser block whose modal, when it starts at the root, lists the pages of the
    language of the page being edited."""

    @cached_property
    def widget(self):
        chooser = super().widget
        chooser.linked_fields = LOCALE_LINKED_FIELDS
        return chooser


class ActiveProductChooserBlock(LocalizedSnippetChooserBlock):
    """Chooses a product and refuses one that shoppers cannot buy (inactive or unpublished)."""

    def __init__(self, **kwargs):
        super().__init__("catalog.Product", **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and (not value.is_active or not value.live):
            raise ValidationError(
                _("“%(name)s” (SKU %(sku)s) is inactive or unpublished; choose a product shoppers can buy.")
                % {"name": value.name, "sku": value.sku}
            )
        return value

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, (), kwargs


class ProductCalloutBlock(blocks.StructBlock):
    product = ActiveProductChooserBlock(label=_("Product"))
    text = blocks.TextBlock(
        required=False, max_length=400, label=_("Text"), help_text=_("Why this product matters in the story.")
    )

    class Meta:
        label = _("Product callout")
        icon = "tag"
        template = "core/blocks/product_callout_block.html"


class TimelineStepBlock(blocks.StructBlock):
    when = blocks.CharBlock(
        max_length=40, label=_("When"), help_text=_("A date or period, e.g. “Spring 2025” or “Day 3”.")
    )
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    place = blocks.CharBlock(required=False, max_length=120, label=_("Place"), help_text=_("Where this step happens."))
    description = blocks.TextBlock(required=False, max_length=600, label=_("Description"))


class TimelineBlock(blocks.StructBlock):
    """Origin and traceability: the journey of a product from source to shelf."""

    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    steps = blocks.ListBlock(TimelineStepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        label = pgettext_lazy("story block", "Timeline")
        icon = "list-ol"
        template = "core/blocks/timeline_block.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))

    class Meta:
        label = _("Question")
        icon = "help"
        template = "core/blocks/faq_item_block.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external URL (exactly one of them)."""

    label = blocks.CharBlock(
        required=False, max_length=80, label=_("Label"), help_text=_("Leave empty to use the page's title.")
    )
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External URL"))

    class Meta:
        label = _("Link")
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choose a page or enter an external URL, not both or neither."))
            raise StructBlockValidationError(block_errors={"page": message})
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("An external link needs a label."))}
            )
        return value


class FooterColumnBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=60, label=_("Title"))
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        label = _("Column")
        icon = "list-ul"


def story_body_blocks():
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("video", VideoBlock()),
        ("product_callout", ProductCalloutBlock()),
        ("timeline", TimelineBlock()),
    ]

