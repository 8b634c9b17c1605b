import base64
import sys

import graphene
from django.utils import timezone

from cms.publishing.sync import changes, needs_full_rebuild, set_site_paths
from storefront_api.core.connections import slice_bounds
from storefront_api.core.errors import BadArgument
from storefront_api.http_cache import mark_private
from storefront_api.pages.context import requesting_site

from .types import ContentChangeConnection

CURSOR_PREFIX = "change:"


def change_cursor(event_id):
    return base64.b64encode(f"{CURSOR_PREFIX}{event_id}".encode()).decode()


def event_id_from_cursor(cursor):
    try:
        text = base64.b64decode(cursor, validate=True).decode()
        if text.startswith(CURSOR_PREFIX):
            return int(text[len(CURSOR_PREFIX):])
    except ValueError:
        pass
    raise BadArgument("`after` is not a cursor of `changes`.", field="after")


class SyncQueries(graphene.ObjectType):
    changes = graphene.Field(
        ContentChangeConnection,
        required=True,
        since=graphene.DateTime(required=True, description="With a time zone, e.g. 2026-11-01T00:00:00Z."),
        first=graphene.Int(description="Changes after `after`; default and maximum in the API settings."),
        after=graphene.String(description="The `endCursor` of the previous call: store it for the next sync."),
        description=(
            "What shoppers of this site can see that changed since a moment: pages of this site and "
            "snippets published, unpublished, deleted or moved, oldest first. A page made private, or "
            "moved to another site, is unpublished here (published where it now shows), with its subtree; "
            "made public again, published. Store the last `endCursor` "
            "and pass it as `after` (with the same `since`) next time; the cursor is the event id, so "
            "nothing committed later is skipped."
        ),
    )

    @staticmethod
    def resolve_changes(root, info, since, first=None, after=None):
        if since.tzinfo is None:
            raise BadArgument("`since` needs a time zone, e.g. 2026-11-01T00:00:00Z.", field="since")
        # The answer depends on the clock (settle delay, retention), not only on the content
        # versions that key the response cache: never cache it.
        mark_private(info.context)
        _, size = slice_bounds(sys.maxsize, first=first)
        after_id = event_id_from_cursor(after) if after is not None else None
        now = timezone.now()
        site = requesting_site(info)
        events = changes(site, since, after_id=after_id, now=now)
        page = set_site_paths(list(events[: size + 1]), site)
        has_next = len(page) > size
        page = page[:size]
        edge_type = ContentChangeConnection.Edge
        edges = [edge_type(node=event, cursor=change_cursor(event.pk)) for event in page]
        connection = ContentChangeConnection(
            edges=edges,
            page_info=graphene.relay.PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else after,
                has_previous_page=after is not None,
                has_next_page=has_next,
            ),
            full_rebuild_needed=needs_full_rebuild(since, now),
        )
        connection.length = events.count() if has_next else len(page)
        return connection
