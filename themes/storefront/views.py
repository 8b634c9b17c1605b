from django.shortcuts import render
from django.utils.translation import gettext as _


def store_finder(request):
    """The page asks /graphql for stores and availability itself (store_finder.js)."""
    messages = {
        "locating": _("Finding your location…"),
        "noLocation": _("Your browser did not share a location: type a city instead."),
        "unknownCity": _("We have no store in {city}. Try another city."),
        "found": _("{count} stores found."),
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
    return render(request, "storefront/store_finder.html", {"finder_messages": messages})


def search(request):
    """The page asks /graphql for results, facets and suggestions itself (search.js)."""
    messages = {
        "results": _("{count} results"),
        "noResults": _("Nothing matches “{query}”."),
        "unavailable": _("Search is not available on this server."),
        "failed": _("Something went wrong: {error}"),
        "suggestions": _("Suggestions"),
    }
    return render(request, "storefront/search.html", {"query": request.GET.get("q", ""), "search_messages": messages})
