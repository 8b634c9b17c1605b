"""Relations of a page or snippet to translatable objects, in whatever language they are.

A store links to services, a story to products and stores, a gift guide picks products in
its StreamField, an offer applies in stores, the home page features guides, stories and
offers. Each of those objects exists once per language, the versions sharing a
``translation_key``. This module finds every such link of one object — model foreign keys
and many-to-many fields, the same on its child objects (inline panels), and chooser blocks
anywhere in its StreamFields — and can move them to another language's versions.

Used when an editor translates (cms/core/translation.py) and by the content checks that
point out links to another language (cms/core/content_checks.py).
"""

from dataclasses import dataclass, field
from functools import partial

from django.db import models
from django.utils.text import capfirst
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin


@dataclass
class Link:
    """One link to a translatable object: where it is (``label``), what it points at, and
    how to point it at another object (``repoint(obj)``)."""

    label: str
    model: type
    pk: object
    repoint: object = field(repr=False)
    target: object = None  # the linked object, once loaded


def _translatable(model):
    return model is not None and issubclass(model, TranslatableMixin)


def _own_fields(instance):
    """Concrete fields the model itself declares: Wagtail's own page fields (``alias_of``,
    owner, revisions, …) are not content links."""
    for model_field in instance._meta.get_fields():
        if model_field.auto_created or getattr(model_field, "model", None) is Page:
            continue
        yield model_field


def _field_label(model_field):
    return capfirst(model_field.verbose_name)


def _foreign_key_links(instance, label_prefix="", after_repoint=None):
    for model_field in _own_fields(instance):
        if not isinstance(model_field, models.ForeignKey) or isinstance(model_field, ParentalKey):
            continue
        if model_field.remote_field.parent_link:
            continue
        if model_field.name == "locale" or not _translatable(model_field.related_model):
            continue
        pk = getattr(instance, model_field.attname)
        if pk is None:
            continue

        def repoint(obj, instance=instance, model_field=model_field):
            setattr(instance, model_field.name, obj)
            if after_repoint is not None:
                after_repoint()

        yield Link(label_prefix + _field_label(model_field), model_field.related_model, pk, repoint)


def _many_to_many_links(instance):
    for model_field in _own_fields(instance):
        if not model_field.many_to_many or not _translatable(model_field.related_model):
            continue
        manager = getattr(instance, model_field.name)
        chosen = list(manager.all())
        # One list per field: repointing one item changes it, then the whole list is set again.
        for index, related in enumerate(chosen):

            def repoint(obj, manager=manager, chosen=chosen, index=index):
                chosen[index] = obj
                manager.set(list(dict.fromkeys(chosen)))

            yield Link(_field_label(model_field), model_field.related_model, related.pk, repoint)


def stream_nodes(block, value, path=()):
    """Every ``(path, block, value, container, key)`` of a StreamField's raw JSON value below
    ``block``: ``container[key]`` is where ``value`` sits, so callers may replace it."""
    if isinstance(block, blocks.StreamBlock):
        for child in value or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from _stream_child(child_block, child, "value", path + (child_block,))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                yield from _stream_child(block.child_block, item, "value", path + (block.child_block,))
            else:  # the older list format: plain values
                yield from _stream_child(block.child_block, value, index, path + (block.child_block,))
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            if name in value:
                yield from _stream_child(child_block, value, name, path + (child_block,))


def _stream_child(block, container, key, path):
    value = container[key]
    yield path, block, value, container, key
    yield from stream_nodes(block, value, path)


def _stream_links(instance):
    for model_field in _own_fields(instance):
        if not isinstance(model_field, StreamField):
            continue
        raw = model_field.get_prep_value(getattr(instance, model_field.name))
        found = []
        for _path, block, value, container, key in stream_nodes(model_field.stream_block, raw):
            if not isinstance(block, blocks.ChooserBlock) or value in (None, ""):
                continue
            if not _translatable(block.model_class):
                continue

            def repoint(obj, container=container, key=key, model_field=model_field, raw=raw):
                container[key] = obj.pk
                setattr(instance, model_field.name, raw)

            found.append(Link(_field_label(model_field), block.model_class, value, repoint))
        yield from found


def links(instance):
    """Every link of ``instance`` (and of its child objects) to a translatable object."""
    found = [*_foreign_key_links(instance), *_many_to_many_links(instance), *_stream_links(instance)]
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            label = capfirst(relation.related_model._meta.verbose_name) + " › "
            manager = getattr(instance, relation.get_accessor_name())
            children = list(manager.all())
            # A changed child is kept in the cluster, so that saving the instance saves it.
            keep = partial(manager.set, children)
            for child in children:
                found += _foreign_key_links(child, label_prefix=label, after_repoint=keep)
    return found


def load_targets(found):
    """Set ``target`` on each link: one query per linked model. Links to objects that no
    longer exist are dropped."""
    by_model = {}
    for link in found:
        by_model.setdefault(link.model, []).append(link)
    loaded = []
    for model, model_links in by_model.items():
        objects = model._default_manager.filter(pk__in={link.pk for link in model_links}).select_related("locale")
        objects = objects.in_bulk()
        for link in model_links:
            link.target = objects.get(_as_pk(model, link.pk))
            if link.target is not None:
                loaded.append(link)
    return loaded


def _as_pk(model, value):
    return model._meta.pk.to_python(value)


def versions_in(found, locale):
    """``{link: the linked object's version in locale}`` for the links that have one: one
    query per linked model."""
    by_model = {}
    for link in found:
        by_model.setdefault(link.model, []).append(link)
    versions = {}
    for model, model_links in by_model.items():
        keys = {link.target.translation_key for link in model_links}
        versions_there = model._default_manager.filter(translation_key__in=keys, locale=locale)
        in_locale = {obj.translation_key: obj for obj in versions_there}
        for link in model_links:
            if link.target.translation_key in in_locale:
                versions[id(link)] = in_locale[link.target.translation_key]
    return versions


def move_to_locale(instance, locale):
    """Point every link of ``instance`` at the linked object's version in ``locale`` (same
    translation_key). Returns the links that stay where they were because the object has no
    version in ``locale``; the caller saves ``instance``."""
    found = load_targets(links(instance))
    versions = versions_in(found, locale)
    missing = []
    for link in found:
        if link.target.locale_id == locale.pk:
            continue
        version = versions.get(id(link))
        if version is None:
            missing.append(link)
        else:
            link.repoint(version)
    return missing
