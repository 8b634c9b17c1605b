"""Validators shared by the content domains: coordinates, time zones, codes, GTINs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cms.core.validators import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    gtin_check_digit,
    time_zone_choices,
    validate_code,
    validate_gtin,
    validate_time_zone,
)


def run(validators, value):
    for validator in validators:
        validator(value)


@pytest.mark.parametrize("value", ["-90", "0", "45.464211", "90"])
def test_latitudes_within_the_poles_are_valid(value):
    run(LATITUDE_VALIDATORS, Decimal(value))


@pytest.mark.parametrize("value", ["91", "-90.000001", "180"])
def test_latitudes_beyond_the_poles_are_rejected(value):
    with pytest.raises(ValidationError):
        run(LATITUDE_VALIDATORS, Decimal(value))


@pytest.mark.parametrize("value", ["-180", "9.191383", "180"])
def test_longitudes_within_the_date_line_are_valid(value):
    run(LONGITUDE_VALIDATORS, Decimal(value))


@pytest.mark.parametrize("value", ["-181", "180.000001"])
def test_longitudes_beyond_the_date_line_are_rejected(value):
    with pytest.raises(ValidationError):
        run(LONGITUDE_VALIDATORS, Decimal(value))


@pytest.mark.parametrize("value", ["Europe/Rome", "America/New_York", "UTC", "Asia/Kolkata"])
def test_iana_time_zones_are_valid(value):
    validate_time_zone(value)


@pytest.mark.parametrize("value", ["Europe/Milano", "CEST", "", "europe/rome", "+01:00"])
def test_unknown_time_zones_are_rejected_with_the_value_and_an_example(value):
    with pytest.raises(ValidationError) as raised:
        validate_time_zone(value)
    error = raised.value.error_list[0]
    assert error.code == "invalid_time_zone"
    assert value in str(raised.value.messages[0]) and "Europe/Rome" in raised.value.messages[0]


def test_time_zone_choices_are_sorted_iana_names():
    choices = time_zone_choices()
    names = [name for name, _label in choices]
    assert names == sorted(names)
    assert ("Europe/Rome", "Europe/Rome") in choices
    assert len(names) > 300


@pytest.mark.parametrize("value", ["click-and-collect", "SKU-00001", "a", "moka_pot.3", "X" * 64])
def test_codes_of_letters_digits_dots_dashes_underscores_are_valid(value):
    validate_code(value)


@pytest.mark.parametrize("value", ["", "-leading-dash", ".hidden", "with space", "caffè", "X" * 65, "a/b"])
def test_other_codes_are_rejected(value):
    with pytest.raises(ValidationError):
        validate_code(value)


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        ("400638133393", 1),  # EAN-13 4006381333931
        ("9638507", 4),  # EAN-8 96385074
        ("03600029145", 2),  # UPC-A 036000291452
        ("1061414100041", 5),  # GTIN-14 10614141000415
    ],
)
def test_gtin_check_digit_follows_gs1(body, digit):
    assert gtin_check_digit(body) == digit


@pytest.mark.parametrize("value", ["4006381333931", "96385074", "036000291452", "10614141000415"])
def test_valid_gtins_are_accepted(value):
    validate_gtin(value)


def test_gtin_with_a_wrong_check_digit_is_rejected():
    with pytest.raises(ValidationError) as raised:
        validate_gtin("4006381333932")
    assert raised.value.error_list[0].code == "invalid_gtin_check_digit"
    assert "4006381333932" in raised.value.messages[0]


@pytest.mark.parametrize("value", ["123", "400638133", "40063813339", "4006381333a31", "400638133393100", " 4006381333931"])
def test_gtin_of_the_wrong_length_or_with_letters_is_rejected(value):
    with pytest.raises(ValidationError) as raised:
        validate_gtin(value)
    assert raised.value.error_list[0].code == "invalid_gtin"
