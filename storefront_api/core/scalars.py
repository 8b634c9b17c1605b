import graphene
from wagtail.rich_text import expand_db_html


class Money(graphene.ObjectType):
    amount = graphene.Decimal(required=True)
    currency = graphene.String(required=True, description="ISO 4217 code, e.g. EUR.")


def rich_text_html(value):
    """Rich text as HTML with internal page and document links turned into real URLs."""
    return expand_db_html(value or "")
