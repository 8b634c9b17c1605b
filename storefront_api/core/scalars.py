import graphene
from django.utils import translation

from .locales import LocaleByIdLoader
from .rich_text import rich_text_html


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


def content_html(info, obj, value):
    """``rich_text_html`` of a field of ``obj`` (a page or snippet), in ``obj``'s language."""
    return rich_text_html(value, LocaleByIdLoader.language_code(info.context, obj.locale_id), info.context)


def choices_enum(name, choices, description=None):
    """A GraphQL enum of a model's ``TextChoices``: names as in Python, values as stored."""
    return graphene.Enum(name, [(choice.name, choice.value) for choice in choices], description=description)


def enum_value(value):
    """The stored value of an enum argument (graphene passes the member)."""
    return getattr(value, "value", value)


class GeoPointInput(graphene.InputObjectType):
    latitude = graphene.Float(required=True, description="Degrees, -90 to 90.")
    longitude = graphene.Float(required=True, description="Degrees, -180 to 180.")
