import pytest

from themes.contrast import contrast_ratio, format_ratio, hex_to_rgb, relative_luminance


def test_black_on_white_is_21_to_1():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_same_colour_is_1_to_1():
    assert contrast_ratio("#1f4e79", "#1f4e79") == pytest.approx(1.0)


def test_order_does_not_matter():
    assert contrast_ratio("#ffffff", "#1f4e79") == contrast_ratio("#1f4e79", "#ffffff")


def test_777_on_white_just_fails_aa():
    ratio = contrast_ratio("#777777", "#ffffff")
    assert ratio == pytest.approx(4.48, abs=0.01)
    assert ratio < 4.5


def test_767676_on_white_passes_aa():
    assert contrast_ratio("#767676", "#ffffff") >= 4.5


def test_luminance_of_white_and_black():
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0


def test_ratio_is_rounded_down_when_shown():
    assert format_ratio(4.4999) == "4.4:1"
    assert format_ratio(21.0) == "21:1"


@pytest.mark.parametrize("bad", ["#fff", "123456", "#12345g", "", None])
def test_only_six_digit_hex_colours(bad):
    with pytest.raises(ValueError):
        hex_to_rgb(bad)
