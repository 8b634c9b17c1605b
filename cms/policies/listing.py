"""Which return policies apply to a market, and the currency their fees are in."""

from django_countries import countries

# The currency of each market we sell in (ISO 3166 country → ISO 4217 currency).
EURO_MARKETS = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK".split()
MARKET_CURRENCIES = {
    **{market: "EUR" for market in EURO_MARKETS},
    "GB": "GBP",
    "US": "USD",
    "CH": "CHF",
    "JP": "JPY",
    "SE": "SEK",
    "DK": "DKK",
    "PL": "PLN",
    "CA": "CAD",
    "AU": "AUD",
}


def market_code(value):
    """The ISO 3166 code for ``value`` (any case), or None when it names no country."""
    code = (value or "").strip().upper()
    return code if code in countries else None


def market_currency(market):
    """The currency fees are charged in for ``market``, or None for a market we have no currency for."""
    return MARKET_CURRENCIES.get(str(market))


def policies_for_market(policies, market=None):
    """Policies of ``market`` (all markets when None): by market, country-wide before
    regional ones, the newest effective date first."""
    if market:
        policies = policies.filter(market=market)
    return policies.order_by("market", "region", "-effective_date", "path")
