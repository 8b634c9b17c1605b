"""Cities shoppers type into the store finder: each city's name in the storefront's languages
(and in its own), and the coordinates of its centre.

The finder centres a city search on the city, not on one of its stores, and lists stores by
their distance from it; "Milan" and "Milano", "Munich", "München" and "Monaco di Baviera" are
the same place. The table covers the markets the stores are in (the demo's cities and the
other large ones); a city missing here is still found when a store has it as its address's
city (the finder asks the API then).

Names are matched by ``normalized``: case, accents and spacing do not matter ("munchen",
"MÜNCHEN"). store_finder.js normalizes what the shopper types the same way.
"""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class City:
    key: str
    en: str
    it: str
    country: str  # ISO 3166
    latitude: float  # the centre: the main square, town hall or main station
    longitude: float
    other_names: tuple[str, ...] = ()  # the city's own name and other spellings

    def name(self, language=None):
        """The city's name in ``language`` (default: the active one), English when the table has
        no name in that language."""
        code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return {"en": self.en, "it": self.it}.get(code, self.en)

    @property
    def names(self):
        return (self.en, self.it, *self.other_names)


def normalized(name):
    """``name`` for matching: no accents, lower case, ß as ss, single spaces ("  München " →
    "munchen"). store_finder.js ``normalized`` does the same."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(letters.lower().replace("ß", "ss").split())


C = City
CITIES = (
    # Italy
    C("milan", "Milan", "Milano", "IT", 45.4642, 9.1900),
    C("rome", "Rome", "Roma", "IT", 41.8933, 12.4829),
    C("florence", "Florence", "Firenze", "IT", 43.7696, 11.2558),
    C("turin", "Turin", "Torino", "IT", 45.0703, 7.6869),
    C("bologna", "Bologna", "Bologna", "IT", 44.4949, 11.3426),
    C("naples", "Naples", "Napoli", "IT", 40.8518, 14.2681),
    C("verona", "Verona", "Verona", "IT", 45.4384, 10.9916),
    C("como", "Como", "Como", "IT", 45.8081, 9.0852),
    C("venice", "Venice", "Venezia", "IT", 45.4408, 12.3155),
    C("perugia", "Perugia", "Perugia", "IT", 43.1107, 12.3908),
    C("genoa", "Genoa", "Genova", "IT", 44.4056, 8.9463),
    C("palermo", "Palermo", "Palermo", "IT", 38.1157, 13.3615),
    C("bari", "Bari", "Bari", "IT", 41.1171, 16.8719),
    C("bergamo", "Bergamo", "Bergamo", "IT", 45.6983, 9.6773),
    C("padua", "Padua", "Padova", "IT", 45.4064, 11.8768),
    C("trieste", "Trieste", "Trieste", "IT", 45.6495, 13.7768),
    # United Kingdom
    C("london", "London", "Londra", "GB", 51.5074, -0.1278),
    C("manchester", "Manchester", "Manchester", "GB", 53.4808, -2.2426),
    C("edinburgh", "Edinburgh", "Edimburgo", "GB", 55.9533, -3.1883),
    C("bristol", "Bristol", "Bristol", "GB", 51.4545, -2.5879),
    C("oxford", "Oxford", "Oxford", "GB", 51.7520, -1.2577),
    C("birmingham", "Birmingham", "Birmingham", "GB", 52.4862, -1.8904),
    C("glasgow", "Glasgow", "Glasgow", "GB", 55.8642, -4.2518),
    C("liverpool", "Liverpool", "Liverpool", "GB", 53.4084, -2.9916),
    # Germany
    C("berlin", "Berlin", "Berlino", "DE", 52.5200, 13.4050),
    C("munich", "Munich", "Monaco di Baviera", "DE", 48.1374, 11.5755, ("München", "Muenchen")),
    C("hamburg", "Hamburg", "Amburgo", "DE", 53.5511, 9.9937),
    C("frankfurt", "Frankfurt", "Francoforte", "DE", 50.1109, 8.6821, ("Frankfurt am Main", "Francoforte sul Meno")),
    C("cologne", "Cologne", "Colonia", "DE", 50.9375, 6.9603, ("Köln", "Koeln")),
    C("dusseldorf", "Düsseldorf", "Düsseldorf", "DE", 51.2277, 6.7735, ("Duesseldorf",)),
    C("stuttgart", "Stuttgart", "Stoccarda", "DE", 48.7758, 9.1829),
    # France
    C("paris", "Paris", "Parigi", "FR", 48.8566, 2.3522),
    C("lyon", "Lyon", "Lione", "FR", 45.7640, 4.8357, ("Lyons",)),
    C("bordeaux", "Bordeaux", "Bordeaux", "FR", 44.8378, -0.5792),
    C("nice", "Nice", "Nizza", "FR", 43.7102, 7.2620),
    C("marseille", "Marseille", "Marsiglia", "FR", 43.2965, 5.3698, ("Marseilles",)),
    C("toulouse", "Toulouse", "Tolosa", "FR", 43.6047, 1.4442),
    # United States
    C("new-york", "New York", "New York", "US", 40.7128, -74.0060, ("New York City", "NYC")),
    C("brooklyn", "Brooklyn", "Brooklyn", "US", 40.6782, -73.9442),
    C("boston", "Boston", "Boston", "US", 42.3601, -71.0589),
    C("chicago", "Chicago", "Chicago", "US", 41.8781, -87.6298),
    C("denver", "Denver", "Denver", "US", 39.7392, -104.9903),
    C("san-francisco", "San Francisco", "San Francisco", "US", 37.7749, -122.4194),
    C("los-angeles", "Los Angeles", "Los Angeles", "US", 34.0522, -118.2437),
    C("washington", "Washington", "Washington", "US", 38.9072, -77.0369, ("Washington, D.C.", "Washington DC")),
    C("seattle", "Seattle", "Seattle", "US", 47.6062, -122.3321),
    C("miami", "Miami", "Miami", "US", 25.7617, -80.1918),
    # Japan
    C("tokyo", "Tokyo", "Tokyo", "JP", 35.6812, 139.7671, ("東京",)),
    C("kyoto", "Kyoto", "Kyoto", "JP", 35.0116, 135.7681, ("京都",)),
    C("osaka", "Osaka", "Osaka", "JP", 34.6937, 135.5023, ("大阪",)),
    C("yokohama", "Yokohama", "Yokohama", "JP", 35.4437, 139.6380, ("横浜",)),
    C("nagoya", "Nagoya", "Nagoya", "JP", 35.1815, 136.9066, ("名古屋",)),
)

_BY_NAME = {normalized(name): city for city in CITIES for name in city.names}


def find_city(name):
    """The ``City`` called ``name`` in any of its names, or None."""
    return _BY_NAME.get(normalized(name or ""))


def city_name(name, language=None):
    """A city's name in ``language`` (default: the active one) when the table knows the city,
    else ``name`` as given: "Milano" is "Milan" on an English page."""
    city = find_city(name)
    return city.name(language) if city else name


def finder_cities(language=None):
    """The table as the store finder's script reads it: for each city, its name in
    ``language``, the normalized names it answers to, and its centre; by name."""
    rows = [
        {
            "name": city.name(language),
            "names": sorted({normalized(name) for name in city.names}),
            "latitude": city.latitude,
            "longitude": city.longitude,
        }
        for city in CITIES
    ]
    return sorted(rows, key=lambda row: normalized(row["name"]))
