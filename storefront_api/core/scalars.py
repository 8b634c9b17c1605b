import graphene
from django.utils import translation
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import expand_db_html, extract_references_from_rich_text

from cms.publishing import surrogate_keys

from .locales import LocaleByIdLoader


class Money(graphene.ObjectType):
    amount = graphene.Decimal(required=True)
    currency = graphene.String(required=True, description="ISO 4217 code, e.g. EUR.")


class Country(graphene.ObjectType):
    code = graphene.String(required=True, description="ISO 3166 code, e.g. IT.")
    name = graphene.String(required=True, description="The country's name in the content's language.")


def country_value(country, language_code):
    """A django-countries ``Country`` as the GraphQL Country, named in ``language_code``."""
    with translation.override(language_code):
        return Country(code=country.code, name=str(country.name))


def rich_text_html(value, language_code):
    """Rich text as HTML with internal page and document links turned into real URLs. A link
    to a page follows the content's language (the page's published translation in it), never
    the request's; the response depends on the pages and images the text names."""
    value = value or ""
    if "linktype=" in value or "embedtype=" in value:
        for model, object_id, *_path in extract_references_from_rich_text(value):
            if issubclass(model, Page):
                surrogate_keys.record(surrogate_keys.page(object_id))
            elif issubclass(model, AbstractImage):
                surrogate_keys.record(surrogate_keys.image(object_id))
    with translation.override(language_code):
        return expand_db_html(value)


def content_html(info, obj, value):
    """``rich_text_html`` of a field of ``obj`` (a page or snippet), in ``obj``'s language."""
    return rich_text_html(value, LocaleByIdLoader.language_code(info.context, obj.locale_id))


def choices_enum(name, choices, description=None):
    """A GraphQL enum of a model's ``TextChoices``: names as in Python, values as stored."""
    return graphene.Enum(name, [(choice.name, choice.value) for choice in choices], description=description)


def enum_value(value):
    """The stored value of an enum argument (graphene passes the member)."""
    return getattr(value, "value", value)


class GeoPointInput(graphene.InputObjectType):
    latitude = graphene.Float(required=True, description="Degrees, -90 to 90.")
    longitude = graphene.Float(required=True, description="Degrees, -180 to 180.")
