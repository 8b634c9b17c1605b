import graphene

from cms.publishing.models import Action, Kind
from storefront_api.core.connections import CountableConnection
from storefront_api.core.scalars import choices_enum

ContentAction = choices_enum("ContentAction", Action, description="What happened to the object.")
ContentKind = choices_enum("ContentKind", Kind)


class ContentChange(graphene.ObjectType):
    """A page or snippet published, unpublished, deleted or moved. A moved page stands for
    its subtree (below `previousPath`); a page made private or public, or moved to another
    site, is listed with each page of its subtree that shoppers saw (or now see)."""

    id = graphene.ID(required=True, description="The event's id; increases in the order events are listed.")
    action = ContentAction(required=True)
    kind = ContentKind(required=True)
    object_type = graphene.String(required=True, description="Model name, e.g. StorePage, Offer, Product.")
    object_id = graphene.ID(required=True, description="The page's or snippet's id (the object may be gone).")
    locale = graphene.String(required=True, description="Language code of the object.")
    translation_key = graphene.UUID(description="Shared by the object's versions in every language.")
    slug = graphene.String(required=True, description="Page or category slug, product SKU, offer or service code.")
    path = graphene.String(description="Pages: the address below the site's home page, e.g. /stores/milano/.")
    previous_path = graphene.String(description="Moved pages: the address before (also the prefix of its subtree).")
    occurred_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_id(event, info):
        return event.pk

    @staticmethod
    def resolve_path(event, info):
        return event.site_path

    @staticmethod
    def resolve_previous_path(event, info):
        return event.previous_site_path


class ContentChangeConnection(CountableConnection):
    full_rebuild_needed = graphene.Boolean(
        required=True,
        description="`since` is older than the event retention: some changes may be missing, rebuild in full.",
    )

    class Meta:
        node = ContentChange
