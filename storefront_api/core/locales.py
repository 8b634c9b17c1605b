import graphene
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .errors import BadArgument


def resolve_locale(language_code):
    """The Locale for a ``locale`` argument (the default locale when omitted)."""
    if not language_code:
        return Locale.get_default()
    try:
        return Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):  # LookupError: not a content language at all
        codes = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
        raise BadArgument(f"`locale` {language_code!r} is not one of: {codes}.", field="locale") from None


def locale_argument():
    return graphene.String(description="Language code, e.g. `en` or `it`. Default: the site's default language.")


class LocaleByIdLoader:
    """Locales are few: one query per request for all of them."""

    @classmethod
    def _locales(cls, context):
        locales = getattr(context, "_storefront_locales", None)
        if locales is None:
            locales = Locale.objects.in_bulk()
            setattr(context, "_storefront_locales", locales)
        return locales

    @classmethod
    def locale(cls, context, locale_id):
        return cls._locales(context)[locale_id]

    @classmethod
    def default(cls, context):
        """The default Locale (that of ``LANGUAGE_CODE``), from the same query."""
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return next(locale for locale in cls._locales(context).values() if locale.language_code == language)

    @classmethod
    def language_code(cls, context, locale_id):
        return cls.locale(context, locale_id).language_code
