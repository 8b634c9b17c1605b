"""Loaders for pages and the rows around them: visible pages by tree path and by translation
key, inline rows (return windows, opening hours) and the ids chosen in many-to-many fields
(related products, related stores), per page id."""

from collections import defaultdict

from cms.core.visibility import visible_at_paths, visible_versions
from storefront_api.core.loaders import ListLoader, RequestLoader

from .context import site_for_request


class VisiblePageByPathLoader(RequestLoader):
    """Keys are (locale id, tree path): the page there when shoppers may see it, else None."""

    def batch_load(self, keys):
        paths = defaultdict(list)
        for locale_id, path in keys:
            paths[locale_id].append(path)
        return visible_at_paths(site_for_request(self.context), paths)


class VisibleVersionsLoader(ListLoader):
    """Keys are translation keys: every language's version shoppers may see, by language code."""

    def batch_load(self, keys):
        return visible_versions(site_for_request(self.context), keys)


class RowsByParentIdLoader(ListLoader):
    """Rows of ``model`` per id of their ``parent_field`` (e.g. the inline rows of a page), in ``ordering``."""

    model = None
    parent_field = None
    ordering = ("sort_order", "pk")

    def batch_load(self, keys):
        rows = defaultdict(list)
        for row in self.model.objects.filter(**{f"{self.parent_field}__in": keys}).order_by(*self.ordering):
            rows[getattr(row, f"{self.parent_field}_id")].append(row)
        self.loaded(row for group in rows.values() for row in group)
        return rows

    def loaded(self, rows):
        """Hook: load in bulk what the rows refer to."""


class ChosenIdsLoader(ListLoader):
    """Ids chosen in the many-to-many field ``field_name`` of ``model``, per owner id, in the
    order they were chosen."""

    model = None
    field_name = None

    def batch_load(self, keys):
        field = self.model._meta.get_field(self.field_name)
        owner, chosen = field.m2m_column_name(), field.m2m_reverse_name()
        ids = defaultdict(list)
        rows = field.remote_field.through.objects.filter(**{f"{owner}__in": keys}).order_by("pk")
        for owner_id, chosen_id in rows.values_list(owner, chosen):
            ids[owner_id].append(chosen_id)
        return ids
