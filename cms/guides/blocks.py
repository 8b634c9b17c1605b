from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.core.blocks import ActiveProductChooserBlock


class ProductPickBlock(blocks.StructBlock):
    product = ActiveProductChooserBlock()
    note = blocks.TextBlock(required=False, max_length=400, help_text=_("The editor's note: why this is a good gift."))

    class Meta:
        icon = "tag"
        template = "guides/blocks/product_pick_block.html"


class GuideSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    intro = blocks.TextBlock(required=False, max_length=600)
    picks = blocks.ListBlock(ProductPickBlock(), min_num=1, help_text=_("Products in the order shoppers see them."))

    class Meta:
        icon = "list-ul"
        template = "guides/blocks/guide_section_block.html"
