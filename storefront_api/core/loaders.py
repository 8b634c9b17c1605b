"""Per-request loaders that fetch by key in bulk and keep key order.

graphene-django runs resolvers synchronously, so the usual asyncio DataLoader cannot defer
loads to the end of a tick. Instead, a resolver that returns a list *primes* the loader
with every key its items will need (one query), and item resolvers then read from the
loader's cache. The number of queries follows the shape of the GraphQL query, not the
number of items.

A resolver may instead *expect* keys: nothing is fetched then, but the first ``load`` of
any key fetches every expected key with it. Lists use this for fields that a query may
not ask for, so that an unasked field costs no query.
"""


class RequestLoader:
    """Subclasses implement ``batch_load(keys) -> {key: value}``."""

    def __init__(self, context):
        self.context = context
        self.cache = {}
        self.expected = {}

    @classmethod
    def for_request(cls, context):
        loaders = getattr(context, "_storefront_loaders", None)
        if loaders is None:
            loaders = {}
            setattr(context, "_storefront_loaders", loaders)
        if cls not in loaders:
            loaders[cls] = cls(context)
        return loaders[cls]

    def batch_load(self, keys):
        raise NotImplementedError

    def expect(self, keys):
        """Remember ``keys`` to fetch with the next batch; costs no query by itself."""
        self.expected.update((key, None) for key in keys if key is not None and key not in self.cache)
        return self

    def prime(self, keys):
        keys = [*keys, *self.expected]
        self.expected = {}
        missing = [key for key in dict.fromkeys(keys) if key is not None and key not in self.cache]
        if missing:
            found = self.batch_load(missing)
            for key in missing:
                self.cache[key] = found[key] if key in found else self.missing_value()
        return self

    def missing_value(self):
        return None

    def load(self, key):
        if key is None:
            return None
        if key not in self.cache:
            self.prime([key])
        return self.cache[key]

    def load_many(self, keys):
        keys = list(keys)
        self.prime(keys)
        return [self.cache[key] for key in keys]


class ListLoader(RequestLoader):
    """A loader whose values are lists (e.g. the opening hours of each store)."""

    def missing_value(self):
        return []

    def load(self, key):
        return [] if key is None else super().load(key)
