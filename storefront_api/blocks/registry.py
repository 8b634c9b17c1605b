"""Which GraphQL type serves each StreamField block class (cms/*/blocks.py)."""

BLOCK_TYPES = {}


def stream_block(block_class):
    """Class decorator: ``@stream_block(blocks.QuoteBlock) class QuoteBlock(graphene.ObjectType): ...``

    The GraphQL type has ``build(item, raw_value, loaded)``: it sets the item's fields from
    the block's raw value and returns it, or returns None to leave the block out."""

    def register(graphql_type):
        BLOCK_TYPES[block_class] = graphql_type
        return graphql_type

    return register


def graphql_block_type(block):
    return BLOCK_TYPES.get(type(block))
