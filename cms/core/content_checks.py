"""Content checks: what an editor should look at before publishing, shown at the top of
the edit form (``ContentChecksPanel`` in cms/core/panels.py).

They warn and never block saving or publishing: each describes content that may be right
on purpose (a splurge pick in a budget guide, a service not offered in Italian yet, a
decorative image) or that only the editor can judge. Data that can never be right is
refused by the model's or form's validation instead (an offer ending before it starts,
overlapping opening hours, an inactive product in a guide).

Checks shared by every translatable page and snippet live here: links to objects in
another language, a translation missing or older than its source, images without alt
text. A model adds its own by defining ``content_checks()``, returning messages (e.g.
``GiftGuidePage`` in cms/guides/models.py, ``StorePage`` in cms/stores/models.py).
"""

from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin

from .relations import links, load_targets, stream_nodes, versions_in


def content_issues(instance):
    """Warnings about ``instance`` (a page or snippet as the editor sees it), in order;
    none for an object not created yet (its form is still empty)."""
    if instance.pk is None:
        return []
    issues = []
    if isinstance(instance, TranslatableMixin) and instance.locale_id is not None:
        issues += foreign_language_links(instance)
        issues += translation_state(instance)
    issues += images_without_alt_text(instance)
    own_checks = getattr(instance, "content_checks", None)
    if own_checks is not None:
        issues += own_checks()
    return issues


def language_name(locale):
    """The language's name in the admin's language ("Italian", or "italiano" in Italian)."""
    try:
        return get_language_info(locale.language_code)["name_translated"]
    except KeyError:
        return locale.get_display_name()


# --- Links to another language ---------------------------------------------------------


def foreign_language_links(instance):
    found = [link for link in load_targets(links(instance)) if link.target.locale_id != instance.locale_id]
    versions = versions_in(found, instance.locale)
    issues = []
    for link in found:
        params = {
            "field": link.label,
            "object": link.target,
            "language": language_name(instance.locale),
            "other_language": language_name(link.target.locale),
        }
        version = versions.get(id(link))
        if version is None:
            message = _(
                "%(field)s: “%(object)s” has no %(language)s version yet; shoppers see it in %(other_language)s. "
                "Translate it, or choose another."
            )
        else:
            params["version"] = version
            message = _(
                "%(field)s: “%(object)s” is the %(other_language)s version; choose its %(language)s version "
                "“%(version)s” instead."
            )
        issues.append(message % params)
    return issues


# --- Translations missing or out of date -------------------------------------------------


def _last_changed(obj):
    """When the editors last saved ``obj`` (a draft counts), or None when unknown."""
    if isinstance(obj, Page):
        return obj.latest_revision_created_at
    revision = getattr(obj, "latest_revision", None)
    if revision is not None:
        return revision.created_at
    return getattr(obj, "last_published_at", None)


def _is_stale(translation, source):
    """The source was published after the translation was last saved."""
    published = getattr(source, "last_published_at", None)
    changed = _last_changed(translation)
    return published is not None and changed is not None and changed < published


def _translatable_into(instance, locale):
    """A page can be translated once its parent exists in that language."""
    if not isinstance(instance, Page):
        return True
    parent = instance.get_parent()
    return parent is None or parent.depth <= 1 or parent.get_translation_or_none(locale) is not None


def translation_state(instance):
    default = Locale.get_default()
    issues = []
    if instance.locale_id != default.pk:
        source = instance.get_translation_or_none(default)
        if source is not None and _is_stale(instance, source):
            issues.append(
                _(
                    "The %(language)s original was published on %(published)s, after this translation was last "
                    "saved on %(changed)s: check whether it needs updating."
                )
                % {
                    "language": language_name(default),
                    "published": date_format(source.last_published_at, "DATE_FORMAT"),
                    "changed": date_format(_last_changed(instance), "DATE_FORMAT"),
                }
            )
        return issues
    translations = {obj.locale_id: obj for obj in instance.get_translations()}
    for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
        translation = translations.get(locale.pk)
        params = {"language": language_name(locale)}
        if translation is None:
            if _translatable_into(instance, locale):
                issues.append(_("There is no %(language)s translation yet (Translate, in the actions menu).") % params)
        elif isinstance(instance, DraftStateMixin) and _is_stale(translation, instance):
            params["changed"] = date_format(_last_changed(translation), "DATE_FORMAT")
            issues.append(
                _("The %(language)s translation was last saved on %(changed)s, before this version was published.")
                % params
            )
    return issues


# --- Images without alt text ----------------------------------------------------------------


def _image_uses(instance, label=""):
    """``(label, image pk, alt text given where the image is used)`` for every image of
    ``instance``: its image fields, those of its child objects, and StreamField images."""
    for model_field in instance._meta.concrete_fields:
        related = getattr(model_field, "related_model", None)
        if related is not None and issubclass(related, AbstractImage):
            pk = getattr(instance, model_field.attname)
            if pk is not None:
                yield label + str(model_field.verbose_name).capitalize(), pk, getattr(instance, "alt_text", "")
        elif isinstance(model_field, StreamField):
            raw = model_field.get_prep_value(getattr(instance, model_field.name))
            for path, block, value, container, key in stream_nodes(model_field.stream_block, raw):
                if isinstance(block, ImageChooserBlock) and value:
                    parent = path[-2] if len(path) > 1 else None
                    alt = container.get("alt_text", "") if isinstance(parent, blocks.StructBlock) else ""
                    yield label + str(model_field.verbose_name).capitalize(), value, alt
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            child_label = str(relation.related_model._meta.verbose_name).capitalize() + " › "
            for child in getattr(instance, relation.get_accessor_name()).all():
                yield from _image_uses(child, child_label)


def images_without_alt_text(instance):
    uses = [(label, pk) for label, pk, alt in _image_uses(instance) if not (alt or "").strip()]
    if not uses:
        return []
    images = get_image_model().objects.in_bulk({pk for _label, pk in uses})
    issues = []
    for label, pk in uses:
        image = images.get(int(pk))
        if image is not None and not (image.description or "").strip():
            issues.append(
                _(
                    "%(field)s: the image “%(image)s” has no alt text, so screen readers read its title. "
                    "Describe it (the image's description, or the alt text field next to it)."
                )
                % {"field": label, "image": image.title}
            )
    return issues
