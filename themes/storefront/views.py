from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.stores.cities import finder_cities


def plural(message):
    """A message with a ``{count}`` for a page's script in each plural form of the page's
    language, keyed as ``Intl.PluralRules`` names them (api.js ``counted`` picks one):
    ``message`` gives the text for a count, ``lambda n: ngettext("…", "…", n)``. English and
    Italian have two forms, ``one`` (1) and ``other``."""
    return {"one": message(1), "other": message(2)}


def store_finder(request):
    """The page asks /graphql for stores and availability itself (store_finder.js); the
    cities it knows by name come with the page (``cms.stores.cities``)."""
    messages = {
        "locating": _("Finding your location…"),
        "noLocation": _("Your browser did not share a location: type a city instead."),
        "unknownCity": _("We do not know a city called “{city}”. Try a larger city nearby."),
        "found": plural(lambda n: ngettext("{count} store found.", "{count} stores found.", n)),
        "foundNear": plural(lambda n: ngettext("{count} store found near {city}.", "{count} stores found near {city}.", n)),
        "noStores": _("No store matches: try a wider distance, or include stores that are closed now."),
        "open": _("Open now"),
        "closed": _("Closed · opens {when}"),
        "availabilityOf": _("Availability of {product}"),
        "inStock": _("In stock"),
        "lowStock": _("Low stock"),
        "outOfStock": _("Out of stock"),
        "pickup": _("Click & collect: ready {when}"),
        "noPickup": _("No click & collect in this store"),
        "notNearby": _("Not in stock in a store nearby."),
        "failed": _("Something went wrong: {error}"),
    }
    cities = finder_cities()
    return render(
        request,
        "storefront/store_finder.html",
        {"finder_messages": messages, "cities": cities, "radii": (10, 25, 50, 200)},
    )


def search(request):
    """The page asks /graphql for results, facets and suggestions itself (search.js)."""
    messages = {
        "results": plural(lambda n: ngettext("{count} result", "{count} results", n)),
        "noResults": _("Nothing matches “{query}”."),
        "unavailable": _("Search is not available on this server."),
        "failed": _("Something went wrong: {error}"),
        "suggestions": _("Suggestions"),
        "facets": {
            "page_type": _("Type"),
            "category": _("Category"),
            "brand": _("Brand"),
            "price_band": _("Price"),
            "services": _("Services"),
            "city": _("City"),
        },
    }
    return render(request, "storefront/search.html", {"query": request.GET.get("q", ""), "search_messages": messages})
