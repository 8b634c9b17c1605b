from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.core.blocks import ActiveProductChooserBlock


class ProductPickBlock(blocks.StructBlock):
    product = ActiveProductChooserBlock(label=_("Product"))
    note = blocks.TextBlock(
        required=False, max_length=400, label=_("Note"), help_text=_("The editor's note: why this is a good gift.")
    )

    class Meta:
        label = _("Product pick")
        icon = "tag"
        template = "guides/blocks/product_pick_block.html"


class GuideSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    intro = blocks.TextBlock(required=False, max_length=600, label=_("Introduction"))
    picks = blocks.ListBlock(
        ProductPickBlock(), min_num=1, label=_("Picks"), help_text=_("Products in the order shoppers see them.")
    )

    class Meta:
        label = _("Section")
        icon = "list-ul"
        template = "guides/blocks/guide_section_block.html"
