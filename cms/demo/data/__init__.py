"""The demo retailer's content, as plain Python data (English and Italian side by side).

Bottega Lume is a fictional Italian lifestyle retailer (kitchen, pantry, home, stationery,
accessories) with stores in six countries and an online shop. Nothing here is fetched
from the network; images are drawn locally (see ``cms.demo.images``).

Dated content (holiday exceptions, seasonal offers) belongs to one holiday season,
``SEASON``, so that two fresh loads produce the same content. Bump it once a year.
"""

BRAND = "Bottega Lume"
SEED = 20261224
SEASON = 2026

WEB_DOMAIN = "bottegalume.example"
SHOP_URL = f"https://shop.{WEB_DOMAIN}"
SITE_NAME = BRAND

LANGUAGES = ("en", "it")
