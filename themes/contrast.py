"""Colour contrast as WCAG 2.x defines it: relative luminance and the ratio between two colours."""

import re

HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

# WCAG AA: normal text needs 4.5:1; user-interface components and large text need 3:1.
AA_TEXT = 4.5
AA_UI = 3.0


def hex_to_rgb(color):
    """``"#1a2b3c"`` → ``(26, 43, 60)``."""
    if not HEX_COLOR.match(color or ""):
        raise ValueError(f"{color!r} is not a colour like #1a2b3c")
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _linear(channel):
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(color):
    red, green, blue = (_linear(channel) for channel in hex_to_rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """From 1 (same colour) to 21 (black on white); the order of the colours does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio):
    """Rounded down, so that a ratio shown as 4.5:1 really passes."""
    return f"{int(ratio * 10) / 10:g}:1"
