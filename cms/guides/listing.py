"""Which gift guides a shopper's filters find."""

from .models import Occasion, Recipient


def filter_gift_guides(guides, recipient=None, occasion=None, budget_max=None):
    """Guides for ``recipient`` (or for anyone), for ``occasion`` (or any occasion), whose
    budget ceiling is at most ``budget_max``. A guide without a ceiling may hold gifts of
    any price, so a budget filter leaves it out."""
    if recipient:
        guides = guides.filter(recipient__in=[recipient, Recipient.ANYONE])
    if occasion:
        guides = guides.filter(occasion__in=[occasion, Occasion.ANY])
    if budget_max is not None:
        guides = guides.filter(budget_max__lte=budget_max)
    return guides
