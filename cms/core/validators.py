"""Validators for values that several domains store: coordinates, time zones, codes."""

import zoneinfo
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_currency_name
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

LATITUDE_VALIDATORS = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]

# ISO 4217 codes of the currencies our markets price in.
CURRENCIES = ["EUR", "GBP", "USD", "CHF", "JPY", "SEK", "DKK", "PLN", "CAD", "AUD"]


def currency_choices():
    """``("EUR", "EUR – euro")``: each code with the currency's name in the active language
    (CLDR's names, through Babel), so no catalog has to translate them. A callable, which
    Django calls whenever it lists the choices; migrations name it rather than copy the names."""
    locale = to_locale(get_language() or settings.LANGUAGE_CODE)
    return [(code, f"{code} – {get_currency_name(code, locale=locale)}") for code in CURRENCIES]

validate_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
    _("Use letters, digits, dots, dashes or underscores (at most 64), starting with a letter or digit."),
)


@lru_cache(maxsize=1)
def time_zone_names():
    return frozenset(zoneinfo.available_timezones())


# Areas of the IANA database whose zones are named after a place ("Europe/Rome"); the
# rest are legacy aliases ("US/Eastern", "Cuba") or fixed offsets ("Etc/GMT-1").
PLACE_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@lru_cache(maxsize=1)
def place_time_zone_names():
    """The zones named after a place, and UTC, sorted: what editors are offered. Any IANA
    name stays valid (``validate_time_zone``)."""
    return ["UTC", *sorted(name for name in time_zone_names() if name.split("/")[0] in PLACE_AREAS and "/" in name)]


def time_zone_choices():
    return [(name, name) for name in sorted(time_zone_names())]


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (for example Europe/Rome or America/New_York)."),
            params={"value": value},
            code="invalid_time_zone",
        )


def gtin_check_digit(body):
    """GS1 check digit for the digits before it (GTIN-8/12/13/14)."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def validate_gtin(value):
    if not value.isdigit() or len(value) not in (8, 12, 13, 14):
        raise ValidationError(_("A GTIN/barcode has 8, 12, 13 or 14 digits."), code="invalid_gtin")
    if gtin_check_digit(value[:-1]) != int(value[-1]):
        raise ValidationError(
            _("The check digit of “%(value)s” is wrong; please re-type the barcode."),
            params={"value": value},
            code="invalid_gtin_check_digit",
        )
