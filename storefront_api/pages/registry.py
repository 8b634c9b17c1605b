"""Which GraphQL type serves each page model. Each domain registers its types."""

PAGE_TYPES = {}


def page_type(model):
    """Class decorator: ``@page_type(StorePage) class Store(graphene.ObjectType): ...``"""

    def register(graphql_type):
        PAGE_TYPES[model] = graphql_type
        return graphql_type

    return register


def graphql_type_for(page):
    return PAGE_TYPES.get(type(page))


def page_models_by_type_name():
    return {graphql_type._meta.name: model for model, graphql_type in PAGE_TYPES.items()}
