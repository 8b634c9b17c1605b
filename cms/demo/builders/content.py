"""Gift guides, product stories, return policies and offers, in English and Italian."""

import datetime
import zoneinfo
from decimal import Decimal

from cms.demo.data.content import (
    EXCEPTIONS_EU,
    FAQ_ONLINE_IN_STORE,
    FAQ_RECEIPT,
    FAQ_REFUND,
    GUIDES,
    IMAGES,
    OFFERS,
    POLICIES,
    POLICY_EFFECTIVE_DATE,
    STORIES,
)
from cms.guides.models import GiftGuidePage
from cms.offers.models import Offer
from cms.policies.models import ReturnPolicyMethod, ReturnPolicyPage, ReturnWindow
from cms.stories.models import ProductStoryPage

from .base import ensure_page, ensure_page_translation, snippet_translation, text
from .site import content_image

LANGUAGES = ("en", "it")


def pick(context, line_code, budget=None):
    """The first active variant of a product line within ``budget`` (its SKU), or None."""
    for sku in context.product_lines[line_code]:
        product = context.products[sku]["en"]
        if product.is_active and (budget is None or product.price <= budget):
            return sku
    return None


# --- Gift guides --------------------------------------------------------------------------------

def build_guides(context):
    context.report.step("Gift guides")
    section = context.sections["guides"]
    for data in GUIDES:
        fields = {language: (lambda language=language, data=data: _guide_fields(context, data, language))
                  for language in LANGUAGES}
        page, _ = ensure_page(context, "gift guides", section["en"], GiftGuidePage, data["slug"]["en"], fields["en"])
        translation, _ = ensure_page_translation(context, "gift guides", page, data["slug"]["it"], fields["it"])
        context.guides[data["slug"]["en"]] = {"en": page, "it": translation}
    context.report.done("gift guides")


def _guide_fields(context, data, language):
    budget = Decimal(data["budget_max"]) if data["budget_max"] else None
    sections = []
    for title, intro, line_codes in data["sections"]:
        picks = []
        for line_code in line_codes:
            sku = pick(context, line_code, budget)
            if sku is None:
                context.report.detail(f"no {line_code} variant within the budget of “{data['title']['en']}”")
                continue
            line = context.products[sku]["spec"].line
            picks.append({
                "type": "item",
                "value": {"product": context.products[sku][language].pk,
                          "note": line.pitch_en if language == "en" else line.pitch_it},
                "id": context.block_id(),
            })
        sections.append(("section", {"title": title[language], "intro": intro[language], "picks": picks}))
    return {
        "title": data["title"][language],
        "intro": data["intro"][language],
        "hero_image": content_image(context, data["image"]),
        "recipient": data["recipient"],
        "occasion": data["occasion"],
        "budget_max": budget,
        "budget_currency": "EUR",
        "sections": context.stream(sections),
    }


# --- Product stories ----------------------------------------------------------------------------

def build_stories(context):
    context.report.step("Product stories")
    section = context.sections["stories"]
    for data in STORIES:
        fields = {language: (lambda language=language, data=data: _story_fields(context, data, language))
                  for language in LANGUAGES}
        page, _ = ensure_page(context, "product stories", section["en"], ProductStoryPage, data["slug"]["en"],
                              fields["en"])
        translation, _ = ensure_page_translation(context, "product stories", page, data["slug"]["it"], fields["it"])
        context.stories[data["slug"]["en"]] = {"en": page, "it": translation}
    context.report.done("product stories")


def _story_fields(context, data, language):
    products = [context.products[pick(context, code)][language] for code in data["products"]]
    return {
        "title": data["title"][language],
        "standfirst": data["standfirst"][language],
        "hero_image": content_image(context, data["image"]),
        "body": context.stream(
            _story_block(context, block_type, value, language) for block_type, value in data["body"]
        ),
        "related_products": products,
        "related_stores": [context.stores[title][language] for title in data["stores"]],
    }


def _story_block(context, block_type, value, language):
    if block_type == "heading":
        return block_type, {"text": text(value, language), "level": "h2"}
    if block_type == "paragraph":
        return block_type, text(value, language)
    if block_type == "image":
        alt_text = "" if language == "en" else IMAGES[value["image"]][1]  # English: the image's description
        return block_type, {"image": content_image(context, value["image"]).pk, "alt_text": alt_text,
                            "caption": text(value["caption"], language)}
    if block_type == "quote":
        return block_type, {
            "quote": text(value["quote"], language), "attribution": text(value["attribution"], language),
        }
    if block_type == "video":
        return block_type, {"video": value["url"], "caption": text(value["caption"], language)}
    if block_type == "product_callout":
        product = context.products[pick(context, value["product"])][language]
        return block_type, {"product": product.pk, "text": text(value["text"], language)}
    if block_type == "timeline":
        steps = [
            {"type": "item", "id": context.block_id(), "value": {
                "when": text(when, language), "title": text(title, language), "place": place,
                "description": text(description, language),
            }}
            for when, title, place, description in value["steps"]
        ]
        return block_type, {"title": text(value["title"], language), "steps": steps}
    raise ValueError(f"Unknown story block type {block_type!r}")


# --- Return policies ----------------------------------------------------------------------------

def build_policies(context):
    context.report.step("Return policies")
    section = context.sections["help"]
    for data in POLICIES:
        fields = {language: (lambda language=language, data=data: _policy_fields(context, data, language))
                  for language in LANGUAGES}
        page, _ = ensure_page(context, "return policies", section["en"], ReturnPolicyPage, data["slug"]["en"],
                              fields["en"])
        translation, _ = ensure_page_translation(context, "return policies", page, data["slug"]["it"], fields["it"])
        context.policies[data["market"]] = {"en": page, "it": translation}
    context.report.done("return policies")


def _policy_fields(context, data, language):
    faq = []
    for question, answer in (FAQ_RECEIPT, FAQ_ONLINE_IN_STORE, FAQ_REFUND):
        faq.append(("question", {"question": question[language],
                                 "answer": answer[language].format(days=data["refund_days"])}))
    return {
        "title": data["title"][language],
        "summary": data["summary"][language],
        "market": data["market"],
        "effective_date": datetime.date.fromisoformat(POLICY_EFFECTIVE_DATE),
        "default_return_days": data["days"],
        "exceptions": EXCEPTIONS_EU[language],
        "faq": context.stream(faq),
        "return_windows": [
            ReturnWindow(category=context.categories[slug][language], days=days, sort_order=index)
            for index, (slug, days) in enumerate(data["windows"])
        ],
        "return_methods": [
            ReturnPolicyMethod(method=method, fee=Decimal(fee), conditions=conditions[language], sort_order=index)
            for index, (method, fee, conditions) in enumerate(data["methods"])
        ],
    }


# --- Offers ---------------------------------------------------------------------------------------

def offer_key(data):
    """Offers are known by their coupon code, or by their English title when they have none."""
    return data["code"] or data["title"]["en"]


def build_offers(context):
    context.report.step("Offers")
    english = {offer.code or offer.title: offer for offer in Offer.objects.filter(locale=context.en)}
    italian = {offer.translation_key: offer for offer in Offer.objects.filter(locale=context.it)}
    for data in OFFERS:
        key = offer_key(data)
        offer = english.get(key)
        if offer is None:
            offer = Offer(locale=context.en, live=True, **_offer_fields(context, data, "en"))
            offer.save()
            context.report.count("offers", created=1)
        else:
            context.report.count("offers", existing=1)
        translation = italian.get(offer.translation_key)
        if translation is None:
            translation = snippet_translation(context, offer, _offer_fields(context, data, "it"))
            translation.save()
            context.report.count("offers", created=1)
        else:
            context.report.count("offers", existing=1)
        context.offers[key] = {"en": offer, "it": translation}
    context.report.done("offers")


def _moment(value):
    if value is None:
        return None
    local, zone = value
    return datetime.datetime.fromisoformat(local).replace(tzinfo=zoneinfo.ZoneInfo(zone))


def _offer_fields(context, data, language):
    stores = data["stores"]
    return {
        "title": data["title"][language],
        "description": data["description"][language],
        "terms": data["terms"][language],
        "code": data["code"],
        "image": content_image(context, data["image"]),
        "channel": data["channel"],
        "valid_from": _moment(data["valid_from"]),
        "valid_to": _moment(data["valid_to"]),
        "applies_to_all_stores": stores is None,
        "stores": [context.stores[title][language] for title in stores or []],
    }
