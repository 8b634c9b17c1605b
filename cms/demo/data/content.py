"""Editorial content: home page, sections, gift guides, product stories, return policies,
offers, navigation and footer. Every text is given as ``{"en": …, "it": …}``.

Products are referred to by their product line code (see ``catalog.PRODUCT_LINES``); the
loader picks the variant. Stores are referred to by their English title.
"""

from . import BRAND, SEASON, WEB_DOMAIN


def T(en, it):
    return {"en": en, "it": it}


# --- Home, store index and sections ---------------------------------------------------------

HOME = {
    "title": T("Home", "Home"),
    # Wagtail adds the language to the slug of a translated top-level page: "home-it".
    "slug": T("home", "home"),
    "hero_title": T("Shop online, collect in store", "Acquista online, ritira in negozio"),
    "hero_text": T(
        "Kitchen, pantry and home from Italian makers. Order before 2 pm and collect the same day at one of our "
        "{store_count} stores, from Milan to Tokyo.",
        "Cucina, dispensa e casa dai migliori artigiani italiani. Ordina entro le 14 e ritira in giornata in uno dei "
        "nostri {store_count} negozi, da Milano a Tokyo.",
    ),
    "hero_image": "home-hero",
    "seo_title": T(f"{BRAND} – Italian kitchen, pantry and home", f"{BRAND} – Cucina, dispensa e casa italiane"),
    "search_description": T(
        "Italian kitchenware, pantry food and homeware online and in 50 stores, with click & collect.",
        "Cucina, dispensa e casa italiane online e in 50 negozi, con ritiro in negozio.",
    ),
}

STORE_INDEX = {
    "slug": T("stores", "negozi"),
    "title": T("Stores", "Negozi"),
    "intro": T(
        "<p>Find a store near you, check today's opening hours and collect online orders for free.</p>",
        "<p>Trova il negozio più vicino, controlla gli orari di oggi e ritira gratis i tuoi ordini online.</p>",
    ),
}

SECTIONS = {
    "guides": {
        "slug": T("gift-guides", "idee-regalo"),
        "title": T("Gift guides", "Idee regalo"),
        "intro": T(
            "<p>Hand-picked gifts for everyone on your list, sorted by person, occasion and budget.</p>",
            "<p>Regali scelti a mano per tutti quelli della tua lista, divisi per persona, occasione e budget.</p>",
        ),
    },
    "stories": {
        "slug": T("stories", "storie"),
        "title": T("Stories", "Storie"),
        "intro": T(
            "<p>Meet the people who make what we sell: millers, bakers, potters, weavers and bookbinders.</p>",
            "<p>Conosci chi fa quello che vendiamo: frantoiani, fornai, ceramisti, tessitori e legatori.</p>",
        ),
    },
    "help": {
        "slug": T("help-and-returns", "aiuto-e-resi"),
        "title": T("Help & returns", "Aiuto e resi"),
        "intro": T(
            "<p>How returns work in your country, in store and by post.</p>",
            "<p>Come funzionano i resi nel tuo paese, in negozio e per posta.</p>",
        ),
    },
}

# --- Images drawn for editorial content: key -> (English title, Italian alt text, palette, motif) --

IMAGES = {
    "home-hero": ("A table laid for Sunday lunch", "Una tavola apparecchiata per il pranzo della domenica", "terracotta", "arches"),
    "guide-him": ("Gifts for him", "Regali per lui", "ink", "stripes"),
    "guide-her": ("Gifts for her", "Regali per lei", "rose", "circles"),
    "guide-home": ("Housewarming gifts", "Regali per la casa nuova", "sage", "arches"),
    "guide-stocking": ("Stocking fillers", "Pensierini di Natale", "berry", "dots"),
    "guide-cook": ("Gifts for the home cook", "Regali per chi ama cucinare", "olive", "stripes"),
    "story-oil-hero": ("Olive harvest above Imperia", "Raccolta delle olive sopra Imperia", "olive", "circles"),
    "story-oil-mill": ("The stone mill at the frantoio", "La macina in pietra del frantoio", "stone", "arches"),
    "story-panettone-hero": ("Panettone cooling upside down", "Panettoni che raffreddano a testa in giù", "wheat", "arches"),
    "story-panettone-dough": ("Mother dough rising", "Il lievito madre che cresce", "cream", "circles"),
    "story-deruta-hero": ("Painted plates drying in Deruta", "Piatti dipinti ad asciugare a Deruta", "cobalt", "dots"),
    "story-deruta-brush": ("Painting the Raffaellesco pattern", "La pittura del decoro Raffaellesco", "terracotta", "stripes"),
    "story-silk-hero": ("Silk screens on Lake Como", "Telai di stampa sul lago di Como", "lake", "stripes"),
    "story-silk-hem": ("Rolling a hem by hand", "L'orlo arrotolato a mano", "rose", "circles"),
    "story-notebook-hero": ("A bindery in the Oltrarno", "Una legatoria in Oltrarno", "leather", "stripes"),
    "story-notebook-sewing": ("Sewing signatures", "La cucitura dei fascicoli", "cream", "dots"),
    "story-murano-hero": ("Glass at the furnace on Murano", "Il vetro alla fornace di Murano", "amber", "circles"),
    "story-murano-blowing": ("Blowing a tumbler", "La soffiatura di un bicchiere", "lake", "arches"),
    "offer-welcome": ("Welcome offer", "Offerta di benvenuto", "ink", "dots"),
    "offer-wrapping": ("Gift wrapping", "Confezione regalo", "berry", "stripes"),
    "offer-ceramics": ("Ceramics week in Milan", "Settimana della ceramica a Milano", "cobalt", "arches"),
    "offer-pantry": ("Italian pantry", "Dispensa italiana", "olive", "circles"),
    "offer-tote": ("Tokyo tote bag", "La borsa di Tokyo", "sage", "dots"),
    "offer-thanksgiving": ("Thanksgiving weekend", "Weekend del Ringraziamento", "wheat", "stripes"),
}

# --- Gift guides ---------------------------------------------------------------------------

GUIDES = [
    {
        "slug": T("gifts-for-him-under-50", "regali-per-lui-sotto-50"),
        "title": T("Gifts for him under 50 EUR", "Regali per lui sotto i 50 EUR"),
        "intro": T(
            "<p>For the coffee snob, the note-taker and the man who says he needs nothing: small things he will use "
            "every day.</p>",
            "<p>Per l'esperto di caffè, per chi prende sempre appunti e per chi dice di non avere bisogno di niente: "
            "piccole cose che userà ogni giorno.</p>",
        ),
        "image": "guide-him",
        "recipient": "him",
        "occasion": "christmas",
        "budget_max": "50",
        "sections": [
            (T("For the coffee lover", "Per chi ama il caffè"),
             T("Better mornings, one moka at a time.", "Mattine migliori, una moka alla volta."),
             ["MOKA", "COF-SO", "COF-ES"]),
            (T("Desk and pocket", "Scrivania e tasca"),
             T("Well-made things to carry and to write with.", "Oggetti ben fatti da portare con sé e per scrivere."),
             ["SLG-CRD", "SLG-KEY", "NB-POC", "INK"]),
            (T("From the pantry", "Dalla dispensa"),
             T("Edible gifts are never the wrong size.", "Un regalo da mangiare non sbaglia mai taglia."),
             ["BIS-CAN", "SPI-PEP", "VIN-BAL", "PAN-MIL"]),
        ],
    },
    {
        "slug": T("gifts-for-her-under-100", "regali-per-lei-sotto-100"),
        "title": T("Gifts for her under 100 EUR", "Regali per lei sotto i 100 EUR"),
        "intro": T(
            "<p>Silk from Como, candles that smell of a Mediterranean garden and a notebook bound by hand.</p>",
            "<p>Seta di Como, candele che profumano di giardino mediterraneo e un taccuino rilegato a mano.</p>",
        ),
        "image": "guide-her",
        "recipient": "her",
        "occasion": "christmas",
        "budget_max": "100",
        "sections": [
            (T("Wrap up warm", "Al caldo"), T("", ""), ["SLK-COM", "SCF-CSH"]),
            (T("Little luxuries", "Piccoli lussi"),
             T("The everyday made a little more special.", "Il quotidiano, un po' più speciale."),
             ["CND", "SK-HND", "SK-FAC", "BB-SAL"]),
            (T("Write it down", "Nero su bianco"), T("", ""), ["NB-LEA", "PEN-GLS", "WAX"]),
        ],
    },
    {
        "slug": T("housewarming-gifts", "regali-per-la-casa-nuova"),
        "title": T("Housewarming gifts", "Regali per la casa nuova"),
        "intro": T(
            "<p>Everything a new home needs for its first dinner party, from the tablecloth to the olive oil.</p>",
            "<p>Tutto quello che serve a una casa nuova per la prima cena con gli amici, dalla tovaglia all'olio.</p>",
        ),
        "image": "guide-home",
        "recipient": "home",
        "occasion": "housewarming",
        "budget_max": None,
        "sections": [
            (T("Set the table", "Apparecchiare"), T("", ""), ["TX-TAB", "TX-NAP", "PLT-DIN", "GLS-MUR"]),
            (T("Stock the pantry", "Riempire la dispensa"),
             T("The basics of an Italian kitchen.", "Le basi di una cucina italiana."),
             ["OIL-TAG", "VIN-BAL", "SPI-ZAF", "SAL-TRA"]),
            (T("Make it cosy", "Rendere accogliente"), T("", ""), ["DIF", "TX-THR", "VAS-TOR"]),
        ],
    },
    {
        "slug": T("stocking-fillers-under-25", "pensierini-sotto-25"),
        "title": T("Stocking fillers under 25 EUR", "Pensierini sotto i 25 EUR"),
        "intro": T(
            "<p>Small, clever and easy to wrap: for the kids, the teacher and the Secret Santa.</p>",
            "<p>Piccoli, azzeccati e facili da incartare: per i bambini, le maestre e il Babbo Natale segreto.</p>",
        ),
        "image": "guide-stocking",
        "recipient": "family",
        "occasion": "christmas",
        "budget_max": "25",
        "sections": [
            (T("For little ones", "Per i più piccoli"), T("", ""), ["TOY-CHF", "GAM-MEM", "GAM-PUZ", "GAM-SCO"]),
            (T("Sweet treats", "Dolcezze"), T("", ""), ["CHO-GIA", "BIS-AMA", "BIS-CAN"]),
            (T("Small and useful", "Piccoli e utili"), T("", ""), ["SK-LIP", "BB-SOP", "RIB", "SLG-KEY"]),
        ],
    },
    {
        "slug": T("gifts-for-the-home-cook", "regali-per-chi-ama-cucinare"),
        "title": T("Gifts for the home cook", "Regali per chi ama cucinare"),
        "intro": T(
            "<p>Pans that will outlive us, the tools for fresh pasta and a few finishing touches.</p>",
            "<p>Pentole che ci sopravviveranno, gli attrezzi per la pasta fresca e qualche tocco finale.</p>",
        ),
        "image": "guide-cook",
        "recipient": "anyone",
        "occasion": "birthday",
        "budget_max": "150",
        "sections": [
            (T("Pans that last", "Pentole per sempre"), T("", ""), ["PAN-CU", "PAN-FE", "PAN-CI"]),
            (T("Fresh pasta at home", "La pasta fresca in casa"),
             T("Flour, eggs and these three tools.", "Farina, uova e questi tre attrezzi."),
             ["UT-ROL", "UT-RAV", "UT-APR"]),
            (T("Finishing touches", "Il tocco finale"), T("", ""), ["UT-PAR", "UT-SPN", "OIL-LEM"]),
        ],
    },
]

# --- Product stories ---------------------------------------------------------------------------
# Body blocks: (type, value) with texts as T(en, it). Video links are placeholders for editors
# to replace with the brand's own films; embeds are resolved offline (cms/core/embeds.py).

STORIES = [
    {
        "slug": T("from-grove-to-bottle", "dall-uliveto-alla-bottiglia"),
        "title": T("From grove to bottle: our Taggiasca olive oil", "Dall'uliveto alla bottiglia: il nostro olio taggiasco"),
        "standfirst": T(
            "On the terraces above Imperia, the Taggiasca olive is picked by hand and pressed the same afternoon.",
            "Sulle fasce sopra Imperia, l'oliva taggiasca si raccoglie a mano e si frange il pomeriggio stesso.",
        ),
        "image": "story-oil-hero",
        "products": ["OIL-TAG", "OIL-LEM"],
        "stores": ["Milan Duomo", "Turin Via Roma", "London Covent Garden"],
        "body": [
            ("paragraph", T(
                "<p>The Ponente coast of Liguria is too steep for tractors. Olive trees grow on narrow stone terraces, "
                "the <em>fasce</em>, built by hand over centuries, and every November the families of the valley "
                "spread nets under them and comb the branches.</p>",
                "<p>La costa di Ponente è troppo ripida per i trattori. Gli ulivi crescono su strette terrazze di "
                "pietra, le <em>fasce</em>, costruite a mano nei secoli, e ogni novembre le famiglie della valle "
                "stendono le reti e pettinano i rami.</p>")),
            ("heading", T("A small, sweet olive", "Un'oliva piccola e dolce")),
            ("paragraph", T(
                "<p>The Taggiasca is small and ripens late, which gives the oil its gentle, almond-sweet taste. It is "
                "the oil for fish, for pesto and for anyone who finds Tuscan oils too peppery.</p>",
                "<p>La taggiasca è piccola e matura tardi: per questo l'olio ha un gusto delicato, dolce di mandorla. È "
                "l'olio per il pesce, per il pesto e per chi trova troppo piccanti gli oli toscani.</p>")),
            ("image", {"image": "story-oil-mill",
                       "caption": T("The granite millstones still turn at the frantoio in Dolcedo.",
                                    "Le macine di granito girano ancora al frantoio di Dolcedo.")}),
            ("quote", {"quote": T(
                "If the olives wait overnight, you taste it in the oil. We press everything the day it is picked.",
                "Se le olive aspettano una notte, si sente nell'olio. Noi frangiamo tutto il giorno stesso."),
                "attribution": T("Marco, miller at Frantoio del Ponente", "Marco, frantoiano al Frantoio del Ponente")}),
            ("timeline", {"title": T("Six hours from tree to tank", "Sei ore dall'albero al serbatoio"), "steps": [
                (T("07:00", "07:00"), T("Picking", "Raccolta"), "Dolcedo",
                 T("Nets go down and the olives are combed off by hand.", "Si stendono le reti e le olive si pettinano a mano.")),
                (T("11:00", "11:00"), T("Sorting", "Cernita"), "Dolcedo",
                 T("Leaves and twigs are blown away; bruised olives are set aside.",
                   "Foglie e rametti vengono soffiati via; le olive ammaccate si scartano.")),
                (T("13:00", "13:00"), T("Pressing", "Frangitura"), "Frantoio del Ponente, Imperia",
                 T("Stone milling and cold extraction below 27 °C.", "Molitura a pietra ed estrazione a freddo sotto i 27 °C.")),
                (T("December", "Dicembre"), T("Resting and bottling", "Riposo e imbottigliamento"), "Imperia",
                 T("The oil settles naturally for a month before it is bottled.",
                   "L'olio decanta naturalmente per un mese prima di essere imbottigliato.")),
                (T("January", "Gennaio"), T("In store", "In negozio"), "",
                 T("The new oil reaches our stores and the online shop.", "L'olio nuovo arriva nei negozi e nello shop online.")),
            ]}),
            ("video", {"url": "https://www.youtube.com/watch?v=LumeOlive01",
                       "caption": T("A morning of harvest in the Prino valley.", "Una mattina di raccolta in valle Prino.")}),
            ("product_callout", {"product": "OIL-TAG", "text": T(
                "This year's harvest, in three sizes. Taste it at the pantry counter of any of our stores.",
                "Il raccolto di quest'anno, in tre formati. Assaggialo al banco della dispensa in tutti i nostri negozi.")}),
        ],
    },
    {
        "slug": T("thirty-six-hours-for-a-panettone", "trentasei-ore-per-un-panettone"),
        "title": T("Thirty-six hours for a panettone", "Trentasei ore per un panettone"),
        "standfirst": T(
            "At Forno Meneghino in Milan, a panettone takes a day and a half, three doughs and a lot of patience.",
            "Al Forno Meneghino di Milano un panettone richiede un giorno e mezzo, tre impasti e tanta pazienza.",
        ),
        "image": "story-panettone-hero",
        "products": ["PAN-MIL", "PAN-DOR"],
        "stores": ["Milan Duomo", "Milan Brera", "Milan Navigli"],
        "body": [
            ("paragraph", T(
                "<p>The mother dough at Forno Meneghino is older than most of the bakers. It is fed three times a day, "
                "every day of the year, and in November it works harder than anyone.</p>",
                "<p>Il lievito madre del Forno Meneghino è più vecchio della maggior parte dei fornai. Viene rinfrescato "
                "tre volte al giorno, tutto l'anno, e a novembre lavora più di tutti.</p>")),
            ("timeline", {"title": T("The life of a panettone", "La vita di un panettone"), "steps": [
                (T("Day 1, 08:00", "Giorno 1, 08:00"), T("First dough", "Primo impasto"), "Milan",
                 T("Flour, water, sugar, butter and the mother dough; then twelve hours of rising.",
                   "Farina, acqua, zucchero, burro e lievito madre; poi dodici ore di lievitazione.")),
                (T("Day 1, 20:00", "Giorno 1, 20:00"), T("Second dough", "Secondo impasto"), "Milan",
                 T("Egg yolks, more butter, candied orange and raisins go in.",
                   "Si aggiungono tuorli, altro burro, arancia candita e uvetta.")),
                (T("Day 2, 02:00", "Giorno 2, 02:00"), T("Shaping", "Pirlatura"), "Milan",
                 T("Each loaf is rounded by hand and set in its paper mould.",
                   "Ogni pezzo viene arrotondato a mano e messo nel pirottino.")),
                (T("Day 2, 08:00", "Giorno 2, 08:00"), T("Baking", "Cottura"), "Milan",
                 T("Fifty minutes in the oven, scored with a cross.", "Cinquanta minuti in forno, con il taglio a croce.")),
                (T("Day 2, 09:00", "Giorno 2, 09:00"), T("Upside down", "A testa in giù"), "Milan",
                 T("Hung upside down for ten hours so the dome does not collapse.",
                   "Appeso a testa in giù per dieci ore perché la cupola non si sgonfi.")),
            ]}),
            ("image", {"image": "story-panettone-dough",
                       "caption": T("The mother dough, fed at dawn.", "Il lievito madre, rinfrescato all'alba.")}),
            ("heading", T("Why it takes so long", "Perché ci vuole così tanto")),
            ("paragraph", T(
                "<p>Slow fermentation is what makes a panettone light, fragrant and able to keep for weeks without "
                "preservatives. Rushing it gives you a sweet bread; waiting gives you a panettone.</p>",
                "<p>La lievitazione lenta rende il panettone soffice, profumato e capace di conservarsi per settimane "
                "senza conservanti. Con la fretta si ottiene un pane dolce; con l'attesa, un panettone.</p>")),
            ("quote", {"quote": T("You cannot hurry a panettone. It tells you when it is ready.",
                                  "Un panettone non si mette fretta. È lui a dirti quando è pronto."),
                       "attribution": T("Giulia, head baker", "Giulia, capo fornaia")}),
            ("video", {"url": "https://youtu.be/LumePanet02",
                       "caption": T("Hanging the panettoni.", "I panettoni appesi a testa in giù.")}),
            ("product_callout", {"product": "PAN-MIL", "text": T(
                "Baked to order from November: collect it warm from the oven in our Milan stores.",
                "Sfornato su ordinazione da novembre: ritiralo ancora profumato nei nostri negozi di Milano.")}),
        ],
    },
    {
        "slug": T("painted-by-hand-in-deruta", "dipinto-a-mano-a-deruta"),
        "title": T("Painted by hand in Deruta", "Dipinto a mano a Deruta"),
        "standfirst": T(
            "In an Umbrian hill town, majolica has been thrown, fired and painted the same way for five hundred years.",
            "In un borgo umbro, la maiolica si modella, si cuoce e si dipinge allo stesso modo da cinquecento anni.",
        ),
        "image": "story-deruta-hero",
        "products": ["PLT-DIN", "PLT-SRV", "VAS-TOR"],
        "stores": ["Perugia Corso Vannucci", "Rome Via del Corso", "Florence Tornabuoni"],
        "body": [
            ("paragraph", T(
                "<p>Deruta sits on a hill above the Tiber, twenty minutes south of Perugia. Its potters supplied the "
                "tables of Renaissance Italy, and the patterns they painted then, the Raffaellesco dragon, lemons, the "
                "rooster, are still painted today, one brushstroke at a time.</p>",
                "<p>Deruta sta su una collina sopra il Tevere, a venti minuti da Perugia. I suoi vasai rifornivano le "
                "tavole dell'Italia rinascimentale, e i decori di allora, il drago Raffaellesco, i limoni, il galletto, "
                "si dipingono ancora oggi, una pennellata alla volta.</p>")),
            ("timeline", {"title": T("From clay to table", "Dall'argilla alla tavola"), "steps": [
                (T("Day 1", "Giorno 1"), T("Throwing", "Tornitura"), "Deruta",
                 T("Local clay is shaped on the wheel and left to dry.", "L'argilla locale si modella al tornio e si lascia asciugare.")),
                (T("Day 4", "Giorno 4"), T("First firing", "Prima cottura"), "Deruta",
                 T("The biscuit firing at 980 °C.", "La cottura del biscotto a 980 °C.")),
                (T("Day 5", "Giorno 5"), T("Glazing", "Smaltatura"), "Deruta",
                 T("Dipped in white tin glaze.", "Immersione nello smalto bianco.")),
                (T("Day 6", "Giorno 6"), T("Painting", "Pittura"), "Deruta",
                 T("Drawn with charcoal dust through a pierced paper, then painted freehand.",
                   "Il disegno si riporta con lo spolvero, poi si dipinge a mano libera.")),
                (T("Day 7", "Giorno 7"), T("Second firing", "Seconda cottura"), "Deruta",
                 T("The colours fuse into the glaze at 920 °C.", "I colori si fondono nello smalto a 920 °C.")),
            ]}),
            ("image", {"image": "story-deruta-brush",
                       "caption": T("A Raffaellesco border takes about an hour.", "Un bordo Raffaellesco richiede circa un'ora.")}),
            ("quote", {"quote": T("The brush has to move like handwriting. If you hesitate, the plate shows it.",
                                  "Il pennello deve muoversi come la scrittura. Se esiti, il piatto lo fa vedere."),
                       "attribution": T("Anna, painter at Ceramiche Borgo Deruta", "Anna, pittrice a Ceramiche Borgo Deruta")}),
            ("heading", T("Made to be used", "Fatti per essere usati")),
            ("paragraph", T(
                "<p>Our plates are lead-free and safe in the dishwasher on a gentle cycle, but we still wash ours by "
                "hand: it keeps the colours bright for a lifetime.</p>",
                "<p>I nostri piatti sono senza piombo e lavabili in lavastoviglie con ciclo delicato, ma noi li laviamo "
                "a mano: così i colori restano vivi per sempre.</p>")),
            ("video", {"url": "https://www.youtube.com/watch?v=LumeDeruta3",
                       "caption": T("Painting a plate in the workshop.", "La pittura di un piatto in laboratorio.")}),
            ("product_callout", {"product": "PLT-DIN", "text": T(
                "Each plate is signed on the back by the painter.", "Ogni piatto è firmato sul retro da chi l'ha dipinto.")}),
        ],
    },
    {
        "slug": T("the-silk-of-lake-como", "la-seta-del-lago-di-como"),
        "title": T("The silk of Lake Como", "La seta del lago di Como"),
        "standfirst": T(
            "Como has printed silk since the sixteenth century. Our scarves take forty steps and two weeks.",
            "A Como si stampa la seta dal Cinquecento. I nostri foulard richiedono quaranta passaggi e due settimane.",
        ),
        "image": "story-silk-hero",
        "products": ["SLK-COM"],
        "stores": ["Como Centro", "Milan Brera", "Paris Le Marais"],
        "body": [
            ("paragraph", T(
                "<p>Silk came to Como in the 1500s because mulberry trees grew well on the hills around the lake. The "
                "worms are gone, but the printers, dyers and finishers stayed, and Como still prints most of the "
                "luxury silk sold in Europe.</p>",
                "<p>La seta arrivò a Como nel Cinquecento perché i gelsi crescevano bene sulle colline del lago. I bachi "
                "non ci sono più, ma stampatori, tintori e rifinitori sono rimasti, e Como stampa ancora gran parte "
                "della seta di lusso venduta in Europa.</p>")),
            ("heading", T("One colour at a time", "Un colore alla volta")),
            ("paragraph", T(
                "<p>Each colour of a design has its own screen. A scarf with twelve colours passes under twelve screens, "
                "and each pass has to line up with the last to a fraction of a millimetre.</p>",
                "<p>Ogni colore del disegno ha il suo telaio. Un foulard a dodici colori passa sotto dodici telai, e ogni "
                "passaggio deve combaciare con il precedente al decimo di millimetro.</p>")),
            ("timeline", {"title": T("Two weeks on the lake", "Due settimane sul lago"), "steps": [
                (T("Week 1", "Settimana 1"), T("Design and engraving", "Disegno e incisione"), "Como",
                 T("The design is separated into colours and a screen is engraved for each.",
                   "Il disegno si separa nei colori e per ognuno si incide un telaio.")),
                (T("Week 1", "Settimana 1"), T("Printing", "Stampa"), "Grandate",
                 T("Printed by hand on 40-metre tables.", "Stampa a mano su tavoli lunghi 40 metri.")),
                (T("Week 2", "Settimana 2"), T("Steaming and washing", "Vaporizzo e lavaggio"), "Como",
                 T("Steam fixes the colours; washing removes the excess.",
                   "Il vapore fissa i colori; il lavaggio toglie l'eccesso.")),
                (T("Week 2", "Settimana 2"), T("Hand-rolled hem", "Orlo arrotolato a mano"), "Cernobbio",
                 T("Rolled and stitched by hand: about twenty minutes per scarf.",
                   "Arrotolato e cucito a mano: circa venti minuti per foulard.")),
            ]}),
            ("image", {"image": "story-silk-hem",
                       "caption": T("A hand-rolled hem is soft and slightly raised.",
                                    "L'orlo arrotolato a mano è morbido e leggermente in rilievo.")}),
            ("quote", {"quote": T("A machine hem is flat. A hand-rolled one has a little life in it.",
                                  "L'orlo a macchina è piatto. Quello arrotolato a mano ha un po' di vita."),
                       "attribution": T("Lucia, finisher in Cernobbio", "Lucia, rifinitrice a Cernobbio")}),
            ("video", {"url": "https://www.youtube.com/watch?v=LumeSilkCo4",
                       "caption": T("Printing the lemons scarf.", "La stampa del foulard con i limoni.")}),
            ("product_callout", {"product": "SLK-COM", "text": T(
                "Four designs, 90 × 90 cm, in 100% Como silk twill.",
                "Quattro disegni, 90 × 90 cm, in twill 100% seta di Como.")}),
        ],
    },
    {
        "slug": T("bound-in-the-oltrarno", "rilegato-in-oltrarno"),
        "title": T("Bound in the Oltrarno", "Rilegato in Oltrarno"),
        "standfirst": T(
            "Across the river from the Uffizi, a bindery of three people sews our leather notebooks by hand.",
            "Di là d'Arno rispetto agli Uffizi, una legatoria di tre persone cuce a mano i nostri taccuini in pelle.",
        ),
        "image": "story-notebook-hero",
        "products": ["NB-LEA", "NB-MAR", "NB-ALB"],
        "stores": ["Florence Oltrarno", "Florence Tornabuoni", "London Marylebone"],
        "body": [
            ("paragraph", T(
                "<p>The Oltrarno, the quarter south of the Arno, has been Florence's workshop for centuries: gilders, "
                "framers, shoemakers and bookbinders still work behind its shopfronts.</p>",
                "<p>L'Oltrarno, il quartiere a sud dell'Arno, è da secoli la bottega di Firenze: doratori, corniciai, "
                "calzolai e legatori lavorano ancora dietro le sue vetrine.</p>")),
            ("image", {"image": "story-notebook-sewing",
                       "caption": T("Signatures are sewn on linen tapes so the book lies flat.",
                                    "I fascicoli si cuciono su fettucce di lino perché il libro resti aperto piatto.")}),
            ("timeline", {"title": T("How a notebook is made", "Come nasce un taccuino"), "steps": [
                (T("Step 1", "Fase 1"), T("Tanning", "Concia"), "Santa Croce sull'Arno",
                 T("Hides are tanned with chestnut and mimosa bark for forty days.",
                   "Le pelli si conciano con tannini di castagno e mimosa per quaranta giorni.")),
                (T("Step 2", "Fase 2"), T("Folding and sewing", "Piegatura e cucitura"), "Florence",
                 T("Paper is folded into signatures and sewn by hand.", "La carta si piega in fascicoli che si cuciono a mano.")),
                (T("Step 3", "Fase 3"), T("Covering", "Copertina"), "Florence",
                 T("The leather is pared thin at the edges and glued over boards.",
                   "La pelle si scarnisce ai bordi e si incolla sui cartoni.")),
                (T("Step 4", "Fase 4"), T("Pressing", "Pressatura"), "Florence",
                 T("A night in the press keeps the covers flat.", "Una notte sotto il torchio mantiene piatte le copertine.")),
            ]}),
            ("quote", {"quote": T("A good notebook should open flat on the first day and still close on the last.",
                                  "Un buon taccuino si apre piatto il primo giorno e si chiude ancora l'ultimo."),
                       "attribution": T("Paolo, bookbinder", "Paolo, legatore")}),
            ("video", {"url": "https://www.youtube.com/watch?v=LumeBindery",
                       "caption": T("Sewing a notebook in the Oltrarno.", "La cucitura di un taccuino in Oltrarno.")}),
            ("product_callout", {"product": "NB-LEA", "text": T(
                "Vegetable-tanned leather that darkens as you use it.", "Pelle conciata al vegetale che scurisce con l'uso.")}),
        ],
    },
    {
        "slug": T("glass-from-murano", "il-vetro-di-murano"),
        "title": T("Glass from the furnaces of Murano", "Il vetro delle fornaci di Murano"),
        "standfirst": T(
            "Our tumblers are blown one by one on Murano, where Venice moved its glassmakers in 1291.",
            "I nostri bicchieri sono soffiati uno per uno a Murano, dove Venezia trasferì i suoi vetrai nel 1291.",
        ),
        "image": "story-murano-hero",
        "products": ["GLS-MUR", "GLS-CAR", "LMP-PEN"],
        "stores": ["Venice San Marco", "Milan Duomo", "New York SoHo", "Tokyo Ginza"],
        "body": [
            ("paragraph", T(
                "<p>Venice moved its glass furnaces to the island of Murano in 1291 to keep fires away from the city, "
                "and kept its glassmakers there to keep their secrets. Fornace Calle Nova has worked on the same "
                "canal since 1920.</p>",
                "<p>Nel 1291 Venezia spostò le fornaci sull'isola di Murano per tenere il fuoco lontano dalla città, e "
                "lì trattenne i vetrai per custodirne i segreti. La Fornace Calle Nova lavora sullo stesso canale dal "
                "1920.</p>")),
            ("heading", T("Colour in the batch", "Il colore nella miscela")),
            ("paragraph", T(
                "<p>The colour is not painted on: it is in the glass itself, from metal oxides added to the batch. "
                "Amber comes from iron and sulphur, aquamarine from copper.</p>",
                "<p>Il colore non è dipinto: è nel vetro stesso, grazie agli ossidi metallici aggiunti alla miscela. "
                "L'ambra viene da ferro e zolfo, l'acquamarina dal rame.</p>")),
            ("image", {"image": "story-murano-blowing",
                       "caption": T("Each tumbler is blown and shaped in under two minutes.",
                                    "Ogni bicchiere si soffia e si modella in meno di due minuti.")}),
            ("timeline", {"title": T("A day at the furnace", "Una giornata alla fornace"), "steps": [
                (T("05:00", "05:00"), T("Melting", "Fusione"), "Murano",
                 T("The furnace reaches 1,400 °C overnight.", "Durante la notte la fornace arriva a 1.400 °C.")),
                (T("07:00", "07:00"), T("Gathering and blowing", "Levata e soffiatura"), "Murano",
                 T("The master gathers glass on the blowpipe and shapes it.",
                   "Il maestro raccoglie il vetro sulla canna e gli dà forma.")),
                (T("Overnight", "Di notte"), T("Annealing", "Ricottura"), "Murano",
                 T("The pieces cool slowly for twelve hours so they do not crack.",
                   "I pezzi si raffreddano lentamente per dodici ore perché non si crepino.")),
                (T("Next day", "Il giorno dopo"), T("Inspection", "Controllo"), "Murano",
                 T("Every piece is checked and signed with the furnace mark.",
                   "Ogni pezzo si controlla e riceve il marchio della fornace.")),
            ]}),
            ("quote", {"quote": T("Glass forgives nothing, but it remembers every breath.",
                                  "Il vetro non perdona niente, ma ricorda ogni respiro."),
                       "attribution": T("Maestro Bepi, Fornace Calle Nova", "Maestro Bepi, Fornace Calle Nova")}),
            ("video", {"url": "https://www.youtube.com/watch?v=LumeMurano6",
                       "caption": T("At the furnace before dawn.", "Alla fornace prima dell'alba.")}),
            ("product_callout", {"product": "GLS-MUR", "text": T(
                "Sold in pairs, in four colours; no two are exactly alike.",
                "In coppia, in quattro colori; non ce ne sono due identici.")}),
        ],
    },
]

# --- Return policies, one per market ---------------------------------------------------------

FAQ_RECEIPT = (
    T("Do I need a receipt?", "Serve lo scontrino?"),
    T("<p>Bring the receipt, the order number or the card you paid with: any of them lets us find the purchase.</p>",
      "<p>Porta lo scontrino, il numero d'ordine o la carta con cui hai pagato: ci basta uno di questi per trovare "
      "l'acquisto.</p>"),
)
FAQ_ONLINE_IN_STORE = (
    T("Can I return an online order in a store?", "Posso restituire in negozio un ordine online?"),
    T("<p>Yes, in any of our stores in the same country that offers in-store returns; you get the refund straight "
      "away.</p>",
      "<p>Sì, in qualsiasi nostro negozio dello stesso paese che offre i resi in negozio; il rimborso è immediato.</p>"),
)
FAQ_REFUND = (
    T("How long does a refund take?", "Quanto tempo richiede il rimborso?"),
    T("<p>In store, straight away. By post, within {days} days of the parcel reaching our warehouse, to the original "
      "payment method.</p>",
      "<p>In negozio, subito. Per posta, entro {days} giorni dall'arrivo del pacco al nostro magazzino, sullo stesso "
      "metodo di pagamento.</p>"),
)

EXCEPTIONS_EU = T(
    "<ul><li>Food and drink, once opened, unless faulty.</li><li>Personalised items, such as engraved pens and "
    "monogrammed linen.</li><li>Cosmetics, once the seal is broken.</li></ul>",
    "<ul><li>Alimenti e bevande aperti, salvo difetti.</li><li>Articoli personalizzati, come penne incise e biancheria "
    "con monogramma.</li><li>Cosmetici con il sigillo rotto.</li></ul>",
)

IN_STORE_CONDITIONS = T(
    "Bring the item with its receipt or order number to any store in the country.",
    "Porta l'articolo con lo scontrino o il numero d'ordine in un qualsiasi negozio del paese.",
)

POLICIES = [
    {
        "market": "IT",
        "slug": T("italy", "italia"),
        "title": T("Returns in Italy", "Resi in Italia"),
        "summary": T(
            "You can return anything bought online or in our Italian stores within 30 days, in its original condition. "
            "Returns in store are free and refunded straight away. Online purchases also carry the 14-day legal right of "
            "withdrawal.",
            "Puoi restituire qualsiasi articolo acquistato online o nei nostri negozi italiani entro 30 giorni, nelle "
            "condizioni originali. Il reso in negozio è gratuito e rimborsato subito. Per gli acquisti online resta "
            "valido il diritto di recesso di 14 giorni previsto dalla legge.",
        ),
        "days": 30,
        "windows": [("pantry", 0), ("beauty", 14)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("by-mail", "4.90", T("Print the prepaid label from your account and drop the parcel at a Poste Italiane "
                                  "office; the fee is deducted from the refund.",
                                  "Stampa l'etichetta prepagata dal tuo account e consegna il pacco in un ufficio di "
                                  "Poste Italiane; il costo viene detratto dal rimborso.")),
            ("courier-pickup", "6.90", T("Book a pickup from home at checkout of the return; the courier brings the "
                                         "packaging.",
                                         "Prenota il ritiro a domicilio durante la procedura di reso; il corriere porta "
                                         "l'imballo.")),
        ],
        "refund_days": 14,
    },
    {
        "market": "GB",
        "slug": T("united-kingdom", "regno-unito"),
        "title": T("Returns in the United Kingdom", "Resi nel Regno Unito"),
        "summary": T(
            "Return unused items within 28 days for a full refund. Returns in our UK stores are free; by post we charge a "
            "small fee. Your statutory rights, including 14 days to cancel an online order, are not affected.",
            "Puoi restituire gli articoli non usati entro 28 giorni con rimborso completo. Il reso nei negozi del Regno "
            "Unito è gratuito; per posta c'è un piccolo costo. Restano validi i diritti di legge, compresi i 14 giorni "
            "per annullare un ordine online.",
        ),
        "days": 28,
        "windows": [("pantry", 0), ("beauty", 14)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("by-mail", "3.95", T("Drop the parcel at any Post Office with the label from your account.",
                                  "Consegna il pacco in un ufficio postale con l'etichetta presa dal tuo account.")),
        ],
        "refund_days": 14,
    },
    {
        "market": "DE",
        "slug": T("germany", "germania"),
        "title": T("Returns in Germany", "Resi in Germania"),
        "summary": T(
            "You have 30 days to return items bought online or in our German stores. Returns are free in store and by "
            "post; a pickup from home costs a small fee. The statutory 14-day right of withdrawal applies to online "
            "orders.",
            "Hai 30 giorni per restituire gli articoli acquistati online o nei nostri negozi in Germania. Il reso è "
            "gratuito in negozio e per posta; il ritiro a domicilio ha un piccolo costo. Per gli ordini online vale il "
            "diritto di recesso di 14 giorni previsto dalla legge.",
        ),
        "days": 30,
        "windows": [("pantry", 0), ("beauty", 14)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("by-mail", "0", T("Use the free return label and drop the parcel at a DHL Packstation or post office.",
                               "Usa l'etichetta di reso gratuita e consegna il pacco in una Packstation DHL o in un "
                               "ufficio postale.")),
            ("courier-pickup", "5.90", T("Book a pickup from your door for the next working day.",
                                         "Prenota il ritiro a domicilio per il giorno lavorativo successivo.")),
        ],
        "refund_days": 10,
    },
    {
        "market": "FR",
        "slug": T("france", "francia"),
        "title": T("Returns in France", "Resi in Francia"),
        "summary": T(
            "Return items within 30 days in any of our French stores or by post to a pickup point. In-store and "
            "pickup-point returns are free. Online orders also carry the 14-day legal right of withdrawal.",
            "Puoi restituire gli articoli entro 30 giorni in qualsiasi nostro negozio in Francia o per posta tramite un "
            "punto di ritiro. Il reso in negozio e al punto di ritiro è gratuito. Per gli ordini online vale anche il "
            "diritto di recesso di 14 giorni.",
        ),
        "days": 30,
        "windows": [("pantry", 0), ("beauty", 14)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("by-mail", "0", T("Drop the parcel at a Colissimo pickup point with the label from your account.",
                               "Consegna il pacco in un punto di ritiro Colissimo con l'etichetta del tuo account.")),
        ],
        "refund_days": 14,
    },
    {
        "market": "US",
        "slug": T("united-states", "stati-uniti"),
        "title": T("Returns in the United States", "Resi negli Stati Uniti"),
        "summary": T(
            "Return unused items within 30 days in any US store or by mail. Holiday purchases made from November 1 to "
            "December 24 can be returned until January 31.",
            "Puoi restituire gli articoli non usati entro 30 giorni in qualsiasi negozio degli Stati Uniti o per posta. "
            "Gli acquisti delle feste, dal 1° novembre al 24 dicembre, si possono restituire fino al 31 gennaio.",
        ),
        "days": 30,
        "windows": [("pantry", 0), ("beauty", 30)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("by-mail", "6.95", T("Print a UPS label from your account; the fee is deducted from your refund.",
                                  "Stampa un'etichetta UPS dal tuo account; il costo viene detratto dal rimborso.")),
        ],
        "refund_days": 10,
    },
    {
        "market": "JP",
        "slug": T("japan", "giappone"),
        "title": T("Returns in Japan", "Resi in Giappone"),
        "summary": T(
            "Unused items can be returned within 14 days of purchase or delivery, in store or by Yamato Transport. "
            "In-store returns are free.",
            "Gli articoli non usati si possono restituire entro 14 giorni dall'acquisto o dalla consegna, in negozio o "
            "tramite Yamato Transport. Il reso in negozio è gratuito.",
        ),
        "days": 14,
        "windows": [("pantry", 0)],
        "methods": [
            ("in-store", "0", IN_STORE_CONDITIONS),
            ("courier-pickup", "800", T("Book a Yamato pickup; the fee is deducted from your refund.",
                                        "Prenota il ritiro con Yamato; il costo viene detratto dal rimborso.")),
        ],
        "refund_days": 7,
    },
]
POLICY_EFFECTIVE_DATE = f"{SEASON}-01-01"

# --- Offers -------------------------------------------------------------------------------------
# "stores": None for every store, otherwise the English titles of the stores where it applies.
# Times are local to the market ("zone").

OFFERS = [
    {
        "code": "WELCOME10",
        "title": T("10% off your first click & collect order", "10% di sconto sul primo ordine con ritiro in negozio"),
        "description": T(
            "Order online, choose a store for pickup and save 10% on your first order.",
            "Ordina online, scegli un negozio per il ritiro e risparmia il 10% sul primo ordine.",
        ),
        "terms": T("<p>One use per customer. Not valid on gift cards.</p>",
                   "<p>Un utilizzo per cliente. Non valido sulle carte regalo.</p>"),
        "image": "offer-welcome",
        "channel": "both",
        "valid_from": (f"{SEASON}-01-01 00:00", "Europe/Rome"),
        "valid_to": None,
        "stores": None,
    },
    {
        "code": "",
        "title": T("Free gift wrapping all December", "Confezione regalo gratuita per tutto dicembre"),
        "description": T(
            "Every gift wrapped by hand in our recycled paper, free in all our stores until New Year's Eve.",
            "Ogni regalo incartato a mano con la nostra carta riciclata, gratis in tutti i negozi fino a San Silvestro.",
        ),
        "terms": T("<p>While stocks of paper last.</p>", "<p>Fino a esaurimento della carta.</p>"),
        "image": "offer-wrapping",
        "channel": "in-store",
        "valid_from": (f"{SEASON}-12-01 00:00", "Europe/Rome"),
        "valid_to": (f"{SEASON + 1}-01-01 00:00", "Europe/Rome"),
        "stores": None,
    },
    {
        "code": "CERAMICA15",
        "title": T("15% off ceramics in Milan", "15% di sconto sulle ceramiche a Milano"),
        "description": T(
            "Deruta plates, vases and teapots at 15% off in our four Milan stores.",
            "Piatti, vasi e teiere di Deruta con il 15% di sconto nei nostri quattro negozi di Milano.",
        ),
        "terms": T("<p>Show the code at the till. Not combinable with other offers.</p>",
                   "<p>Mostra il codice in cassa. Non cumulabile con altre offerte.</p>"),
        "image": "offer-ceramics",
        "channel": "in-store",
        "valid_from": (f"{SEASON}-11-01 00:00", "Europe/Rome"),
        "valid_to": (f"{SEASON + 1}-01-31 23:59", "Europe/Rome"),
        "stores": ["Milan Duomo", "Milan Brera", "Milan Navigli", "Milan CityLife"],
    },
    {
        "code": "PANTRY3FOR2",
        "title": T("3 for 2 on the Italian pantry in London", "Prendi 3 paghi 2 sulla dispensa italiana a Londra"),
        "description": T(
            "Buy any three pantry items in our London stores and get the cheapest free.",
            "Acquista tre prodotti della dispensa nei nostri negozi di Londra e il meno caro è in regalo.",
        ),
        "terms": T("<p>Cheapest item free. Excludes panettone and pandoro.</p>",
                   "<p>In regalo l'articolo meno caro. Esclusi panettone e pandoro.</p>"),
        "image": "offer-pantry",
        "channel": "in-store",
        "valid_from": (f"{SEASON}-11-15 00:00", "Europe/London"),
        "valid_to": (f"{SEASON + 1}-01-10 23:59", "Europe/London"),
        "stores": ["London Covent Garden", "London Marylebone", "London Shoreditch", "London White City"],
    },
    {
        "code": "TOKYOTOTE",
        "title": T("A free tote bag in Tokyo", "Una borsa in tela in regalo a Tokyo"),
        "description": T(
            "Spend ¥10,000 or more in our Tokyo stores and take home our canvas tote.",
            "Spendi almeno 10.000 ¥ nei nostri negozi di Tokyo e porta a casa la nostra borsa in tela.",
        ),
        "terms": T("<p>One per customer, while stocks last.</p>", "<p>Una per cliente, fino a esaurimento scorte.</p>"),
        "image": "offer-tote",
        "channel": "in-store",
        "valid_from": (f"{SEASON}-10-01 10:00", "Asia/Tokyo"),
        "valid_to": (f"{SEASON + 1}-03-31 21:00", "Asia/Tokyo"),
        "stores": ["Tokyo Ginza", "Tokyo Shibuya", "Tokyo Daikanyama"],
    },
    {
        "code": "THANKS20",
        "title": T("Thanksgiving weekend: 20% off", "Weekend del Ringraziamento: 20% di sconto"),
        "description": T(
            "20% off everything in our US stores and online from Black Friday to Cyber Monday.",
            "20% di sconto su tutto nei negozi degli Stati Uniti e online dal Black Friday al Cyber Monday.",
        ),
        "terms": T("<p>Excludes gift cards. Online orders must be collected in a US store.</p>",
                   "<p>Escluse le carte regalo. Gli ordini online vanno ritirati in un negozio degli Stati Uniti.</p>"),
        "image": "offer-thanksgiving",
        "channel": "both",
        "valid_from": (f"{SEASON}-11-27 06:00", "America/New_York"),
        "valid_to": (f"{SEASON}-12-01 00:00", "America/New_York"),
        "stores": ["New York SoHo", "New York Flatiron", "Brooklyn Williamsburg", "Boston Back Bay",
                   "Chicago Magnificent Mile", "Denver Larimer Square", "San Francisco Hayes Valley",
                   "Los Angeles Melrose"],
    },
]

# Featured on the home page (guides and stories by English slug, offers by code or title).
HOME_FEATURES = {
    "guides": ["gifts-for-him-under-50", "gifts-for-her-under-100", "housewarming-gifts", "stocking-fillers-under-25"],
    "stories": ["from-grove-to-bottle", "thirty-six-hours-for-a-panettone", "painted-by-hand-in-deruta"],
    "offers": ["WELCOME10", "Free gift wrapping all December"],
}

# --- Site settings --------------------------------------------------------------------------------

FOOTER = {
    "columns": [
        ("Shop", ["stores", "guides", "stories"]),
        ("Help", ["help", "policy:IT", "policy:GB", "policy:US"]),
        ("About us", [("Our story", f"https://www.{WEB_DOMAIN}/about"),
                      ("Careers", f"https://www.{WEB_DOMAIN}/careers"),
                      ("Press", f"https://www.{WEB_DOMAIN}/press")]),
    ],
    "contact_email": f"help@{WEB_DOMAIN}",
    "contact_phone": "+39 02 8901 2000",
    "legal_text": (
        f"<p>{BRAND} S.r.l. · Via Solferino 11, 20121 Milano, Italy · VAT IT 01234567890 · "
        "Share capital EUR 50,000 fully paid</p>"
    ),
}
# The footer's columns and legal text in the other languages (contacts are shared).
FOOTER_TRANSLATIONS = {
    "it": {
        "columns": [
            ("Acquista", ["stores", "guides", "stories"]),
            ("Assistenza", ["help", "policy:IT", "policy:GB", "policy:US"]),
            ("Chi siamo", [("La nostra storia", f"https://www.{WEB_DOMAIN}/it/chi-siamo"),
                           ("Lavora con noi", f"https://www.{WEB_DOMAIN}/it/lavora-con-noi"),
                           ("Stampa", f"https://www.{WEB_DOMAIN}/it/stampa")]),
        ],
        "legal_text": (
            f"<p>{BRAND} S.r.l. · Via Solferino 11, 20121 Milano · P. IVA IT 01234567890 · "
            "Capitale sociale € 50.000 interamente versato</p>"
        ),
    },
}
NAVIGATION = ["stores", "guides", "stories", "help"]
