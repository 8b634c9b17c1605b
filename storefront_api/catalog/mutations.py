"""stockBatchIngest: store systems send stock levels through GraphQL, with the same rules,
keys and idempotency as POST /api/stock/batches (cms/catalog/stock.py)."""

import graphene

from cms.catalog.ingestion_keys import authenticate, bearer_token
from cms.catalog.stock import PARTIAL, REJECT, StockBatchError, ingest_stock_batch
from storefront_api.core.errors import ApiError


class StockErrorPolicy(graphene.Enum):
    REJECT = REJECT
    PARTIAL = PARTIAL


class StockRowInput(graphene.InputObjectType):
    store = graphene.String(required=True, description="The store page's slug in the default language.")
    sku = graphene.String(required=True)
    quantity = graphene.Int(required=True, description="Units on hand: an absolute number, not a change.")
    source_updated_at = graphene.String(
        required=True, description="ISO 8601 instant with an offset, when the store system measured the quantity."
    )


class StockRowError(graphene.ObjectType):
    row = graphene.Int(required=True, description="1-based position of the row in the batch.")
    field = graphene.String(description="The row's field at fault (snake_case, as in the HTTP API).")
    code = graphene.String(required=True)
    message = graphene.String(required=True)


class StockBatchResult(graphene.ObjectType):
    outcome = graphene.String(required=True, description="`applied`, or `rejected` (reject policy: nothing applied).")
    applied = graphene.Int(required=True)
    unchanged = graphene.Int(required=True)
    stale = graphene.Int(required=True, description="Rows older than the stored level: ignored, never applied.")
    rejected = graphene.Int(required=True)
    stale_rows = graphene.List(graphene.NonNull(graphene.Int), required=True)
    errors = graphene.List(graphene.NonNull(StockRowError), required=True)
    replayed = graphene.Boolean(required=True, description="True when this is the stored answer to a repeated batch.")


class StockBatchIngest(graphene.Mutation):
    """Needs `Authorization: Bearer <stock API key>`; writes only the key's stores."""

    class Arguments:
        idempotency_key = graphene.String(required=True, description="Repeat it to retry the same batch safely.")
        error_policy = StockErrorPolicy(default_value=REJECT)
        rows = graphene.List(graphene.NonNull(StockRowInput), required=True)

    Output = StockBatchResult

    @staticmethod
    def mutate(root, info, idempotency_key, rows, error_policy=REJECT):
        api_key = authenticate(bearer_token(info.context.headers.get("Authorization")))
        if api_key is None:
            raise ApiError("Send a valid stock API key as “Authorization: Bearer <key>”.", code="UNAUTHENTICATED")
        raw_rows = [
            {"store": row.store, "sku": row.sku, "quantity": row.quantity, "source_updated_at": row.source_updated_at}
            for row in rows
        ]
        policy = getattr(error_policy, "value", error_policy)
        try:
            result = ingest_stock_batch(raw_rows, api_key=api_key, idempotency_key=idempotency_key, error_policy=policy)
        except StockBatchError as error:
            raise ApiError(error.message, field=error.field, code=error.code.upper()) from None
        return StockBatchResult(
            **{name: value for name, value in result.as_dict().items() if name != "errors"},
            errors=[StockRowError(**error) for error in result.errors],
            replayed=result.replayed,
        )


class CatalogMutations(graphene.ObjectType):
    stock_batch_ingest = StockBatchIngest.Field()
