"""Loaders for the rows around pages: inline rows (return windows, opening hours) and the
ids chosen in many-to-many fields (related products, related stores), per page id."""

from collections import defaultdict

from storefront_api.core.loaders import ListLoader


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
