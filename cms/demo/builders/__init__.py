"""Builders of the demo content, one module per domain. Each creates what is missing and
leaves what exists untouched (keyed on slugs, SKUs, service and coupon codes)."""
