"""Stores: where they are, when they open, what they offer.

Coordinates are those of the real street in the real city; the shops themselves are
fictional. Phone numbers use the ranges regulators reserve for fiction where a country has
them (UK Ofcom drama numbers, US 555-01xx, French 0x 99 00 xx xx, German film numbers).
"""

from dataclasses import dataclass

from django.utils.text import slugify

from . import SEASON, WEB_DOMAIN

# --- Services -------------------------------------------------------------------------

SERVICES = [
    {
        "code": "click-and-collect",
        "en": (
            "Click & collect",
            "Order online and pick up in store, free of charge. We email you when it is ready.",
        ),
        "it": (
            "Ritiro in negozio",
            "Ordina online e ritira in negozio senza costi. Ti scriviamo quando l'ordine è pronto.",
        ),
    },
    {
        "code": "curbside-pickup",
        "en": (
            "Curbside pickup",
            "Park in the pickup bay, tap “I'm here” in your order email and we bring it to your car.",
        ),
        "it": (
            "Ritiro in auto",
            "Parcheggia nell'area di ritiro, tocca “Sono qui” nell'email dell'ordine e te lo portiamo all'auto.",
        ),
    },
    {
        "code": "ship-to-store",
        "en": (
            "Ship to store",
            "Anything from the online range delivered to this store within 2–4 working days, with free shipping.",
        ),
        "it": (
            "Spedizione in negozio",
            "Tutto l'assortimento online consegnato in questo negozio in 2–4 giorni lavorativi, con spedizione gratuita.",
        ),
    },
    {
        "code": "in-store-returns",
        "en": (
            "In-store returns",
            "Return online orders at the till: bring the order number and get your refund straight away.",
        ),
        "it": (
            "Resi in negozio",
            "Restituisci gli ordini online in cassa: porta il numero d'ordine e ricevi subito il rimborso.",
        ),
    },
    {
        "code": "same-day-delivery",
        "en": (
            "Same-day delivery",
            "Order before 2 pm and a courier from this store delivers to your door the same evening.",
        ),
        "it": (
            "Consegna in giornata",
            "Ordina entro le 14 e un corriere parte da questo negozio per consegnarti l'ordine in serata.",
        ),
    },
    {
        "code": "personal-shopping",
        "en": (
            "Personal shopping",
            "Book a free hour with a stylist to plan a gift list, a wedding registry or a new kitchen.",
        ),
        "it": (
            "Personal shopper",
            "Prenota un'ora gratuita con un consulente per una lista regali, una lista nozze o una cucina nuova.",
        ),
    },
    {
        "code": "gift-wrapping",
        "en": (
            "Gift wrapping",
            "Hand-wrapped in our recycled paper with a cotton ribbon, ready to give.",
        ),
        "it": (
            "Confezione regalo",
            "Incartato a mano con la nostra carta riciclata e un nastro di cotone, pronto da regalare.",
        ),
    },
]

# What each kind of store offers; stores can add or remove services.
SERVICES_BY_KIND = {
    "flagship": [
        "click-and-collect", "ship-to-store", "in-store-returns", "same-day-delivery", "personal-shopping", "gift-wrapping",
    ],
    "city": ["click-and-collect", "ship-to-store", "in-store-returns", "gift-wrapping"],
    "late": ["click-and-collect", "in-store-returns", "same-day-delivery", "gift-wrapping"],
    "mall": ["click-and-collect", "curbside-pickup", "ship-to-store", "in-store-returns", "gift-wrapping"],
    "bottega": ["click-and-collect", "in-store-returns", "gift-wrapping"],
}

PICKUP_MINUTES_BY_KIND = {"flagship": 30, "city": 60, "late": 45, "mall": 45, "bottega": 120}

# --- Weekly opening hours -------------------------------------------------------------
# Each profile: (weekdays, opens, closes[, closes_next_day]); weekday 0 is Monday.

WEEKDAYS = (0, 1, 2, 3, 4)
MON_SAT = (0, 1, 2, 3, 4, 5)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)

HOURS = {
    # Small Italian shops: closed on Monday morning and at lunch time.
    "it-bottega": [((1, 2, 3, 4, 5), "09:30", "13:00"), (MON_SAT, "15:30", "19:30")],
    "it-city": [(MON_SAT, "10:00", "19:30"), ((6,), "11:00", "19:00")],
    "it-flagship": [(EVERY_DAY, "10:00", "20:00")],
    "it-late": [((0, 1, 2, 3, 6), "11:00", "21:00"), ((4, 5), "11:00", "00:30", True)],
    "mall": [(EVERY_DAY, "10:00", "21:00")],
    "uk-high-street": [((0, 1, 2, 4, 5), "09:30", "18:00"), ((3,), "09:30", "20:00"), ((6,), "11:00", "17:00")],
    "uk-london": [(MON_SAT, "10:00", "20:00"), ((6,), "12:00", "18:00")],
    "uk-mall": [(MON_SAT, "10:00", "22:00"), ((6,), "12:00", "18:00")],
    "de-city": [(MON_SAT, "10:00", "20:00")],
    "de-small": [(WEEKDAYS, "10:00", "19:00"), ((5,), "10:00", "18:00")],
    "fr-city": [(MON_SAT, "10:00", "19:30")],
    "fr-sunday": [(MON_SAT, "10:00", "19:30"), ((6,), "11:00", "19:00")],
    "fr-small": [((0,), "14:00", "19:00"), ((1, 2, 3, 4, 5), "10:00", "12:30"), ((1, 2, 3, 4, 5), "14:00", "19:00")],
    "us-city": [(MON_SAT, "10:00", "20:00"), ((6,), "11:00", "19:00")],
    "us-late": [((0, 1, 2, 3), "10:00", "21:00"), ((4, 5), "10:00", "01:00", True), ((6,), "11:00", "20:00")],
    "jp-city": [(EVERY_DAY, "10:00", "20:00")],
    "jp-late": [((0, 1, 2, 3, 6), "10:00", "22:00"), ((4, 5), "10:00", "02:00", True)],
}

# --- Dated exceptions (one holiday season) ----------------------------------------------
# (date, English label, Italian label, hours) where hours is None for closed all day.

Y, NEXT = SEASON, SEASON + 1
CHRISTMAS_EVE = ("Christmas Eve", "Vigilia di Natale")
CHRISTMAS_DAY = ("Christmas Day", "Natale")
NEW_YEARS_EVE = ("New Year's Eve", "San Silvestro")
NEW_YEARS_DAY = ("New Year's Day", "Capodanno")

EXCEPTIONS_BY_COUNTRY = {
    "IT": [
        (f"{Y}-12-08", "Feast of the Immaculate Conception", "Immacolata Concezione", ("10:00", "20:00")),
        (f"{Y}-12-24", *CHRISTMAS_EVE, ("09:30", "17:00")),
        (f"{Y}-12-25", *CHRISTMAS_DAY, None),
        (f"{Y}-12-26", "St Stephen's Day", "Santo Stefano", ("11:00", "19:00")),
        (f"{Y}-12-31", *NEW_YEARS_EVE, ("10:00", "17:00")),
        (f"{NEXT}-01-01", *NEW_YEARS_DAY, None),
        (f"{NEXT}-01-06", "Epiphany", "Epifania", ("11:00", "19:00")),
    ],
    "GB": [
        (f"{Y}-12-17", "Late-night Christmas shopping", "Shopping natalizio serale", ("09:00", "22:00")),
        (f"{Y}-12-24", *CHRISTMAS_EVE, ("09:00", "17:00")),
        (f"{Y}-12-25", *CHRISTMAS_DAY, None),
        (f"{Y}-12-26", "Boxing Day", "Boxing Day (Santo Stefano)", ("09:00", "18:00")),
        (f"{Y}-12-31", *NEW_YEARS_EVE, ("10:00", "17:00")),
        (f"{NEXT}-01-01", *NEW_YEARS_DAY, None),
    ],
    "DE": [
        (f"{Y}-12-06", "Advent shopping Sunday", "Domenica d'Avvento con negozi aperti", ("13:00", "18:00")),
        (f"{Y}-12-24", *CHRISTMAS_EVE, ("10:00", "14:00")),
        (f"{Y}-12-25", *CHRISTMAS_DAY, None),
        (f"{Y}-12-26", "Second day of Christmas", "Santo Stefano", None),
        (f"{Y}-12-31", *NEW_YEARS_EVE, ("10:00", "14:00")),
        (f"{NEXT}-01-01", *NEW_YEARS_DAY, None),
    ],
    "FR": [
        (f"{Y}-12-13", "Christmas Sunday opening", "Apertura domenicale di Natale", ("11:00", "19:00")),
        (f"{Y}-12-20", "Christmas Sunday opening", "Apertura domenicale di Natale", ("11:00", "19:00")),
        (f"{Y}-12-24", *CHRISTMAS_EVE, ("10:00", "18:00")),
        (f"{Y}-12-25", *CHRISTMAS_DAY, None),
        (f"{Y}-12-31", *NEW_YEARS_EVE, ("10:00", "18:00")),
        (f"{NEXT}-01-01", *NEW_YEARS_DAY, None),
    ],
    "US": [
        (f"{Y}-11-26", "Thanksgiving", "Giorno del Ringraziamento", None),
        (f"{Y}-11-27", "Black Friday", "Black Friday", ("07:00", "23:00")),
        (f"{Y}-12-24", *CHRISTMAS_EVE, ("09:00", "18:00")),
        (f"{Y}-12-25", *CHRISTMAS_DAY, None),
        (f"{Y}-12-31", *NEW_YEARS_EVE, ("10:00", "18:00")),
        (f"{NEXT}-01-01", *NEW_YEARS_DAY, ("11:00", "18:00")),
    ],
    "JP": [
        (f"{Y}-12-31", "New Year's Eve (Ōmisoka)", "Ultimo dell'anno (Ōmisoka)", ("10:00", "18:00")),
        (f"{NEXT}-01-01", "New Year's Day (Ganjitsu)", "Capodanno (Ganjitsu)", None),
        (f"{NEXT}-01-02", "New Year sale (Hatsuuri)", "Saldi di inizio anno (Hatsuuri)", ("09:00", "20:00")),
        (f"{NEXT}-01-03", "New Year holiday", "Festività di inizio anno", ("10:00", "20:00")),
    ],
}

# Small shops close at lunch time on Christmas Eve.
EXCEPTIONS_BY_HOURS = {
    "it-bottega": [(f"{Y}-12-24", *CHRISTMAS_EVE, ("09:30", "13:00"))],
    "fr-small": [(f"{Y}-12-24", *CHRISTMAS_EVE, ("10:00", "16:00"))],
}

# --- Notes shown on store pages ---------------------------------------------------------

TRANSIT_MODES = {
    "metro": ("Metro", "Metropolitana"),
    "tube": ("Underground", "Metropolitana"),
    "overground": ("Overground", "Overground"),
    "u-bahn": ("U-Bahn", "U-Bahn"),
    "metro-fr": ("Métro", "Metropolitana"),
    "subway": ("Subway", "Metropolitana"),
    "tram": ("Tram", "Tram"),
    "bus": ("Bus", "Autobus"),
    "train": ("Train", "Treno"),
    "water-bus": ("Water bus", "Vaporetto"),
    "minimetro": ("Minimetrò", "Minimetrò"),
}

PARKING_BY_COUNTRY = {
    "IT": (
        "The store is inside the limited traffic zone (ZTL): please come by public transport or use a public car park "
        "nearby. Nearest stop: {transit}.",
        "Il negozio è nella zona a traffico limitato (ZTL): vieni con i mezzi pubblici o lascia l'auto in un parcheggio "
        "pubblico vicino. Fermata più vicina: {transit}.",
    ),
    "GB": (
        "No customer parking, and pay-and-display bays nearby fill up quickly. Nearest stop: {transit}.",
        "Non abbiamo un parcheggio clienti e i posti a pagamento in zona si riempiono presto. Fermata più vicina: {transit}.",
    ),
    "DE": (
        "Several public car parks are within five minutes' walk. Nearest stop: {transit}.",
        "Ci sono diversi parcheggi pubblici a cinque minuti a piedi. Fermata più vicina: {transit}.",
    ),
    "FR": (
        "An underground public car park is around the corner. Nearest stop: {transit}.",
        "C'è un parcheggio pubblico sotterraneo a due passi. Fermata più vicina: {transit}.",
    ),
    "US": (
        "Metered street parking and a garage around the corner; ask for parking validation at the till. "
        "Nearest transit: {transit}.",
        "Parcheggio a pagamento in strada e un garage dietro l'angolo: chiedi la convalida del parcheggio in cassa. "
        "Mezzi pubblici: {transit}.",
    ),
    "JP": (
        "We have no parking; please come by train. Nearest station: {transit}.",
        "Non abbiamo parcheggio: ti consigliamo di venire in treno. Stazione più vicina: {transit}.",
    ),
}
PARKING_MALL = (
    "Park in the shopping centre car park (the first two hours are free with a receipt). Curbside pickup bays are "
    "next to the main entrance. Nearest stop: {transit}.",
    "Parcheggia nel parcheggio del centro commerciale (le prime due ore sono gratuite con lo scontrino). Le aree per il "
    "ritiro in auto sono accanto all'ingresso principale. Fermata più vicina: {transit}.",
)
PARKING_CURBSIDE = (
    " Curbside pickup bays are marked in front of the store.",
    " Le aree per il ritiro in auto sono segnalate davanti al negozio.",
)

ACCESSIBILITY_BY_KIND = {
    "flagship": (
        "Step-free entrance, a lift to every floor, an accessible fitting room and toilet. Assistance dogs are welcome.",
        "Ingresso senza gradini, ascensore per tutti i piani, camerino e bagno accessibili. I cani guida sono i benvenuti.",
    ),
    "city": (
        "Step-free entrance and wide aisles. An accessible toilet is available on request.",
        "Ingresso senza gradini e corsie ampie. Un bagno accessibile è disponibile su richiesta.",
    ),
    "late": (
        "Step-free entrance and wide aisles. Weekday mornings are the quietest time to visit.",
        "Ingresso senza gradini e corsie ampie. Le mattine dei giorni feriali sono il momento più tranquillo.",
    ),
    "mall": (
        "Step-free access from the mall, with accessible toilets and baby-changing rooms on every level.",
        "Accesso senza gradini dal centro commerciale, con bagni accessibili e fasciatoi a ogni piano.",
    ),
    "bottega": (
        "There is one 12 cm step at the entrance: ring the bell and we will bring a portable ramp. Aisles are narrow, "
        "so we are happy to fetch things for you.",
        "All'ingresso c'è un gradino di 12 cm: suona il campanello e portiamo una rampa mobile. Le corsie sono strette, "
        "ti aiutiamo volentieri a prendere quello che cerchi.",
    ),
}

MESSAGE_BY_KIND = {
    "flagship": (
        "<p>Our {city} flagship has the whole range: kitchen, pantry, home and stationery, with a personal-shopping "
        "lounge upstairs. Online orders placed before 2 pm are usually ready the same afternoon.</p>",
        "<p>Il nostro flagship di {city} ha tutto l'assortimento: cucina, dispensa, casa e cartoleria, con un salottino "
        "per il personal shopping al piano di sopra. Gli ordini online fatti entro le 14 di solito sono pronti nel "
        "pomeriggio.</p>",
    ),
    "city": (
        "<p>Come and see the season's new arrivals in {city}, taste our olive oils at the pantry counter and collect "
        "your online orders at the till.</p>",
        "<p>Vieni a scoprire le novità di stagione a {city}, assaggia i nostri oli al banco della dispensa e ritira in "
        "cassa i tuoi ordini online.</p>",
    ),
    "late": (
        "<p>Open late on Fridays and Saturdays: pick up a last-minute gift or your online order on your way out in "
        "{city}.</p>",
        "<p>Aperti fino a tardi il venerdì e il sabato: a {city} puoi passare a prendere un regalo dell'ultimo minuto "
        "o il tuo ordine online prima di uscire la sera.</p>",
    ),
    "mall": (
        "<p>You will find us inside the shopping centre in {city}. Collect online orders at the dedicated counter by "
        "the entrance.</p>",
        "<p>Ci trovi all'interno del centro commerciale di {city}. Ritira gli ordini online al banco dedicato vicino "
        "all'ingresso.</p>",
    ),
    "bottega": (
        "<p>A small shop in {city} with a hand-picked selection. Online orders come from our warehouse, so allow a "
        "couple of hours; at lunch time we are closed.</p>",
        "<p>Una piccola bottega a {city} con una selezione scelta a mano. Gli ordini online arrivano dal nostro "
        "magazzino, quindi servono un paio d'ore; all'ora di pranzo siamo chiusi.</p>",
    ),
}


@dataclass(frozen=True)
class StoreData:
    city_en: str
    city_it: str
    area: str
    street_address: str
    postal_code: str
    city: str  # the city as written in the postal address
    region: str
    country: str
    latitude: str
    longitude: str
    time_zone: str
    phone: str
    kind: str
    hours: str
    transit: tuple
    address_extra: str = ""
    add_services: tuple = ()
    remove_services: tuple = ()
    pickup_minutes: int | None = None
    # (date, English label, Italian label, (opens, closes[, closes_next_day]) or None)
    extra_exceptions: tuple = ()

    @property
    def title_en(self):
        return f"{self.city_en} {self.area}"

    @property
    def title_it(self):
        return f"{self.city_it} {self.area}"

    @property
    def email(self):
        return f"{slugify(self.title_en)}@stores.{WEB_DOMAIN}"


S = StoreData
STORES = [
    # --- Italy ---------------------------------------------------------------------------
    S("Milan", "Milano", "Duomo", "Corso Vittorio Emanuele II 24", "20122", "Milano", "MI", "IT", "45.464900", "9.193600",
      "Europe/Rome", "+39 02 8901 2301", "flagship", "it-flagship", ("metro", "Duomo (M1, M3)")),
    S("Milan", "Milano", "Brera", "Via Solferino 11", "20121", "Milano", "MI", "IT", "45.474000", "9.186800",
      "Europe/Rome", "+39 02 8901 2302", "city", "it-city", ("metro", "Moscova (M2)")),
    S("Milan", "Milano", "Navigli", "Ripa di Porta Ticinese 55", "20143", "Milano", "MI", "IT", "45.451500", "9.172500",
      "Europe/Rome", "+39 02 8901 2303", "late", "it-late", ("metro", "Porta Genova (M2)"),
      extra_exceptions=((f"{SEASON}-12-31", "New Year's Eve late opening", "San Silvestro, apertura serale",
                         ("11:00", "02:00", True)),)),
    S("Milan", "Milano", "CityLife", "Piazza Tre Torri 1", "20145", "Milano", "MI", "IT", "45.477600", "9.155300",
      "Europe/Rome", "+39 02 8901 2304", "mall", "mall", ("metro", "Tre Torri (M5)"),
      address_extra="CityLife Shopping District, level 1"),
    S("Rome", "Roma", "Via del Corso", "Via del Corso 120", "00186", "Roma", "RM", "IT", "41.900500", "12.481000",
      "Europe/Rome", "+39 06 6880 4101", "flagship", "it-flagship", ("metro", "Spagna (A)")),
    S("Rome", "Roma", "Trastevere", "Viale di Trastevere 80", "00153", "Roma", "RM", "IT", "41.883100", "12.470000",
      "Europe/Rome", "+39 06 6880 4102", "bottega", "it-bottega", ("tram", "8 – Trastevere/Mastai")),
    S("Rome", "Roma", "Prati", "Via Cola di Rienzo 200", "00192", "Roma", "RM", "IT", "41.907000", "12.462000",
      "Europe/Rome", "+39 06 6880 4103", "city", "it-city", ("metro", "Ottaviano (A)")),
    S("Florence", "Firenze", "Tornabuoni", "Via de' Tornabuoni 20r", "50123", "Firenze", "FI", "IT", "43.770800",
      "11.250800", "Europe/Rome", "+39 055 239 8101", "city", "it-city", ("train", "Firenze Santa Maria Novella")),
    S("Florence", "Firenze", "Oltrarno", "Via Maggio 30r", "50125", "Firenze", "FI", "IT", "43.766500", "11.248200",
      "Europe/Rome", "+39 055 239 8102", "bottega", "it-bottega", ("bus", "D – Santo Spirito")),
    S("Turin", "Torino", "Via Roma", "Via Roma 300", "10123", "Torino", "TO", "IT", "45.067000", "7.683000",
      "Europe/Rome", "+39 011 562 7101", "city", "it-city", ("metro", "Porta Nuova (M1)")),
    S("Bologna", "Bologna", "Indipendenza", "Via dell'Indipendenza 40", "40121", "Bologna", "BO", "IT", "44.498500",
      "11.344000", "Europe/Rome", "+39 051 223 5101", "city", "it-city", ("train", "Bologna Centrale")),
    S("Naples", "Napoli", "Chiaia", "Via Chiaia 140", "80121", "Napoli", "NA", "IT", "40.837000", "14.245500",
      "Europe/Rome", "+39 081 410 6101", "bottega", "it-bottega", ("metro", "Toledo (L1)")),
    S("Verona", "Verona", "Via Mazzini", "Via Giuseppe Mazzini 20", "37121", "Verona", "VR", "IT", "45.441000",
      "10.997500", "Europe/Rome", "+39 045 803 2101", "bottega", "it-bottega", ("bus", "11, 12, 13 – Piazza Bra"),
      remove_services=("click-and-collect",)),
    S("Como", "Como", "Centro", "Via Vittorio Emanuele II 50", "22100", "Como", "CO", "IT", "45.810000", "9.085000",
      "Europe/Rome", "+39 031 273 1101", "bottega", "it-bottega", ("train", "Como Nord Lago")),
    S("Venice", "Venezia", "San Marco", "Calle dei Fabbri, San Marco 4690", "30124", "Venezia", "VE", "IT", "45.435500",
      "12.336500", "Europe/Rome", "+39 041 522 3101", "bottega", "it-bottega", ("water-bus", "Rialto")),
    S("Perugia", "Perugia", "Corso Vannucci", "Corso Pietro Vannucci 50", "06121", "Perugia", "PG", "IT", "43.111000",
      "12.388500", "Europe/Rome", "+39 075 573 4101", "bottega", "it-bottega", ("minimetro", "Pincetto"),
      remove_services=("click-and-collect",)),
    # --- United Kingdom ------------------------------------------------------------------
    S("London", "Londra", "Covent Garden", "24 Long Acre", "WC2E 9LG", "London", "", "GB", "51.512400", "-0.124700",
      "Europe/London", "+44 20 7946 0101", "flagship", "uk-london", ("tube", "Covent Garden (Piccadilly line)")),
    S("London", "Londra", "Marylebone", "60 Marylebone High Street", "W1U 5HT", "London", "", "GB", "51.520700",
      "-0.151500", "Europe/London", "+44 20 7946 0102", "city", "uk-london", ("tube", "Baker Street")),
    S("London", "Londra", "Shoreditch", "150 Shoreditch High Street", "E1 6JE", "London", "", "GB", "51.526200",
      "-0.078000", "Europe/London", "+44 20 7946 0103", "city", "uk-london", ("overground", "Shoreditch High Street")),
    S("London", "Londra", "White City", "Westfield London, Ariel Way", "W12 7GF", "London", "", "GB", "51.507400",
      "-0.221000", "Europe/London", "+44 20 7946 0104", "mall", "uk-mall",
      ("tube", "Wood Lane (Circle, Hammersmith & City lines)"), address_extra="Level 1, next to the Atrium"),
    S("Manchester", "Manchester", "King Street", "35 King Street", "M2 4LQ", "Manchester", "Greater Manchester", "GB",
      "53.481200", "-2.244900", "Europe/London", "+44 161 496 0101", "city", "uk-high-street",
      ("tram", "Metrolink: St Peter's Square")),
    S("Edinburgh", "Edimburgo", "New Town", "90 George Street", "EH2 3DF", "Edinburgh", "Scotland", "GB", "55.953300",
      "-3.201000", "Europe/London", "+44 131 496 0101", "city", "uk-high-street", ("tram", "St Andrew Square")),
    S("Bristol", "Bristol", "Park Street", "40 Park Street", "BS1 5JG", "Bristol", "", "GB", "51.455500", "-2.603000",
      "Europe/London", "+44 117 496 0101", "city", "uk-high-street", ("bus", "Park Street (routes 1, 2, 8)")),
    S("Oxford", "Oxford", "Jericho", "12 Little Clarendon Street", "OX1 2HP", "Oxford", "Oxfordshire", "GB", "51.759000",
      "-1.263000", "Europe/London", "+44 1865 496 010", "bottega", "uk-high-street", ("bus", "St Giles")),
    # --- Germany -------------------------------------------------------------------------
    S("Berlin", "Berlino", "Mitte", "Alte Schönhauser Straße 20", "10119", "Berlin", "Berlin", "DE", "52.526200",
      "13.406700", "Europe/Berlin", "+49 30 23125 101", "flagship", "de-city", ("u-bahn", "Weinmeisterstraße (U8)")),
    S("Berlin", "Berlino", "Charlottenburg", "Kurfürstendamm 50", "10707", "Berlin", "Berlin", "DE", "52.500400",
      "13.314000", "Europe/Berlin", "+49 30 23125 102", "city", "de-city", ("u-bahn", "Uhlandstraße (U1)")),
    S("Munich", "Monaco di Baviera", "Altstadt", "Theatinerstraße 30", "80333", "München", "Bayern", "DE", "48.142000",
      "11.576000", "Europe/Berlin", "+49 89 99998 101", "city", "de-city", ("u-bahn", "Odeonsplatz (U3, U4, U5, U6)")),
    S("Hamburg", "Amburgo", "Neuer Wall", "Neuer Wall 40", "20354", "Hamburg", "Hamburg", "DE", "53.551800", "9.990400",
      "Europe/Berlin", "+49 40 66969 101", "city", "de-city", ("u-bahn", "Jungfernstieg (U1, U2)")),
    S("Frankfurt", "Francoforte", "Goethestraße", "Goethestraße 20", "60313", "Frankfurt am Main", "Hessen", "DE",
      "50.115000", "8.675500", "Europe/Berlin", "+49 69 90009 101", "city", "de-city", ("u-bahn", "Hauptwache")),
    S("Cologne", "Colonia", "Ehrenstraße", "Ehrenstraße 40", "50672", "Köln", "Nordrhein-Westfalen", "DE", "50.938500",
      "6.940500", "Europe/Berlin", "+49 221 4710 101", "bottega", "de-small", ("tram", "Rudolfplatz (1, 7, 12, 15)")),
    S("Düsseldorf", "Düsseldorf", "Königsallee", "Königsallee 60", "40212", "Düsseldorf", "Nordrhein-Westfalen", "DE",
      "51.222500", "6.780500", "Europe/Berlin", "+49 211 5684 101", "city", "de-city",
      ("u-bahn", "Steinstraße/Königsallee")),
    # --- France --------------------------------------------------------------------------
    S("Paris", "Parigi", "Le Marais", "20 Rue des Francs-Bourgeois", "75003", "Paris", "Île-de-France", "FR",
      "48.857400", "2.362200", "Europe/Paris", "+33 1 99 00 01 01", "flagship", "fr-sunday", ("metro-fr", "Saint-Paul (1)")),
    S("Paris", "Parigi", "Saint-Germain", "50 Rue de Rennes", "75006", "Paris", "Île-de-France", "FR", "48.850500",
      "2.330000", "Europe/Paris", "+33 1 99 00 01 02", "city", "fr-city", ("metro-fr", "Saint-Sulpice (4)")),
    S("Paris", "Parigi", "Opéra", "60 Boulevard Haussmann", "75009", "Paris", "Île-de-France", "FR", "48.873800",
      "2.331000", "Europe/Paris", "+33 1 99 00 01 03", "city", "fr-sunday", ("metro-fr", "Havre–Caumartin (3, 9)")),
    S("Lyon", "Lione", "Presqu'île", "30 Rue de la République", "69002", "Lyon", "Auvergne-Rhône-Alpes", "FR",
      "45.762500", "4.835800", "Europe/Paris", "+33 4 99 00 01 01", "city", "fr-city", ("metro-fr", "Cordeliers (A)")),
    S("Bordeaux", "Bordeaux", "Sainte-Catherine", "80 Rue Sainte-Catherine", "33000", "Bordeaux", "Nouvelle-Aquitaine",
      "FR", "44.839500", "-0.573500", "Europe/Paris", "+33 5 99 00 01 01", "city", "fr-city",
      ("tram", "A – Hôtel de Ville")),
    S("Nice", "Nizza", "Jean Médecin", "20 Avenue Jean Médecin", "06000", "Nice", "Provence-Alpes-Côte d'Azur", "FR",
      "43.700500", "7.267500", "Europe/Paris", "+33 4 99 00 02 01", "bottega", "fr-small", ("tram", "L1 – Jean Médecin")),
    # --- United States -------------------------------------------------------------------
    S("New York", "New York", "SoHo", "120 Spring Street", "10012", "New York", "NY", "US", "40.724200", "-74.000500",
      "America/New_York", "+1 212-555-0101", "flagship", "us-city", ("subway", "Prince St (R, W)")),
    S("New York", "New York", "Flatiron", "170 Fifth Avenue", "10010", "New York", "NY", "US", "40.740500", "-73.990500",
      "America/New_York", "+1 212-555-0102", "late", "us-late", ("subway", "23 St (R, W)")),
    S("Brooklyn", "Brooklyn", "Williamsburg", "150 Bedford Avenue", "11249", "Brooklyn", "NY", "US", "40.719600",
      "-73.956700", "America/New_York", "+1 718-555-0101", "city", "us-city", ("subway", "Bedford Av (L)")),
    S("Boston", "Boston", "Back Bay", "200 Newbury Street", "02116", "Boston", "MA", "US", "42.350200", "-71.080000",
      "America/New_York", "+1 617-555-0101", "city", "us-city", ("subway", "Copley (Green Line)"),
      add_services=("curbside-pickup",)),
    S("Chicago", "Chicago", "Magnificent Mile", "600 N Michigan Avenue", "60611", "Chicago", "IL", "US", "41.892600",
      "-87.624400", "America/Chicago", "+1 312-555-0101", "flagship", "us-city", ("subway", "Grand (Red Line)"),
      add_services=("curbside-pickup",)),
    S("Denver", "Denver", "Larimer Square", "1430 Larimer Street", "80202", "Denver", "CO", "US", "39.747800",
      "-104.999000", "America/Denver", "+1 303-555-0101", "city", "us-city", ("tram", "RTD light rail: Union Station"),
      add_services=("curbside-pickup",)),
    S("San Francisco", "San Francisco", "Hayes Valley", "350 Hayes Street", "94102", "San Francisco", "CA", "US",
      "37.776800", "-122.423000", "America/Los_Angeles", "+1 415-555-0101", "city", "us-city",
      ("subway", "Civic Center (BART, Muni)"), add_services=("same-day-delivery",)),
    S("Los Angeles", "Los Angeles", "Melrose", "8000 Melrose Avenue", "90046", "Los Angeles", "CA", "US", "34.083600",
      "-118.362800", "America/Los_Angeles", "+1 323-555-0101", "mall", "us-city", ("bus", "Metro 10 – Melrose/Crescent Heights")),
    # --- Japan ---------------------------------------------------------------------------
    S("Tokyo", "Tokyo", "Ginza", "4-6-16 Ginza, Chūō-ku", "104-0061", "Tokyo", "Tokyo", "JP", "35.671800", "139.765200",
      "Asia/Tokyo", "+81 3-6228-4101", "flagship", "jp-city", ("train", "Ginza (Ginza, Marunouchi, Hibiya lines)"),
      pickup_minutes=20),
    S("Tokyo", "Tokyo", "Shibuya", "21-1 Udagawachō, Shibuya-ku", "150-0042", "Tokyo", "Tokyo", "JP", "35.661200",
      "139.698300", "Asia/Tokyo", "+81 3-6228-4102", "late", "jp-late", ("train", "Shibuya"), pickup_minutes=30,
      extra_exceptions=((f"{SEASON}-12-31", "Countdown night", "Notte del conto alla rovescia", ("10:00", "02:00", True)),)),
    S("Tokyo", "Tokyo", "Daikanyama", "17-6 Sarugakuchō, Shibuya-ku", "150-0033", "Tokyo", "Tokyo", "JP", "35.649600",
      "139.703000", "Asia/Tokyo", "+81 3-6228-4103", "city", "jp-city", ("train", "Daikanyama (Tōkyū Tōyoko line)"),
      pickup_minutes=30),
    S("Kyoto", "Kyoto", "Shijō", "Shijō-dōri Kawaramachi Nishi-iru, Shimogyō-ku", "600-8001", "Kyoto", "Kyoto", "JP",
      "35.003600", "135.768000", "Asia/Tokyo", "+81 75-211-4101", "city", "jp-city", ("train", "Kyoto-Kawaramachi (Hankyū)"),
      pickup_minutes=30),
    S("Osaka", "Osaka", "Umeda", "3-1-3 Umeda, Kita-ku", "530-0001", "Osaka", "Osaka", "JP", "34.702500", "135.495500",
      "Asia/Tokyo", "+81 6-6359-4101", "mall", "jp-city", ("train", "Osaka / Umeda"), address_extra="5th floor",
      pickup_minutes=30),
]

COUNTRY_NAMES = {
    "IT": ("Italy", "Italia"),
    "GB": ("the United Kingdom", "Regno Unito"),
    "DE": ("Germany", "Germania"),
    "FR": ("France", "Francia"),
    "US": ("the United States", "Stati Uniti"),
    "JP": ("Japan", "Giappone"),
}
