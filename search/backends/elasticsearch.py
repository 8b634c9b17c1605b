"""The Elasticsearch search backend (Elasticsearch 8, through the ``elasticsearch`` client and
its ``elasticsearch.dsl``).

Indices (see ``es_mapping``): one per locale, behind the alias ``<prefix>-<locale>``.

Rebuild without downtime and without losing writes:

1. a new index per locale is created (refresh off while it fills) with the alias
   ``<prefix>-<locale>-next``; an earlier rebuild's unfinished indices are dropped first (that
   rebuild died, or it will fail at its own swap and change nothing);
2. the documents are bulk-loaded with ``create``: a document already there was written by
   ``index()`` during the rebuild, from a read at least as recent as the rebuild's, and wins;
3. meanwhile ``index()`` and ``delete()``, in any process, write to the live alias *and* to
   every ``-next`` alias they find. A delete leaves a tombstone in the new index so that the
   load cannot bring the document back from an older read;
4. one ``_aliases`` request moves every locale's alias to its new index at once and drops the
   ``-next`` aliases; searches see either the old indices or the new ones, never a mix or
   nothing. The old indices are deleted after a short grace for searches still running on
   them, then the tombstones.

Connection errors, timeouts, 429 and 5xx answers, and a missing index raise SearchUnavailable:
the search service answers from the database and the indexing pipeline records the
operation to replay it later.

A cluster: ``URL`` lists every node (comma-separated). Each request goes to one node (round
robin) and may take ``TIMEOUT`` seconds there; a node that refuses the connection or does not
answer in time is set aside (for 1 s, doubling up to 30 s while it keeps failing) and the
request is retried at once on another node, each node at most once. A dead node costs
nothing more than a refused connection, a hung one ``TIMEOUT`` once per setting-aside.
Indices get a replica as soon as the cluster has a second node (``REPLICAS``), so every
shard survives the loss of one node. Searches and index writes each have a circuit breaker
(search/breaker.py): after ``BREAKER_FAILURES`` failed requests in a row the engine is not
asked for ``BREAKER_COOLDOWN`` seconds (searches answer from the database, writes are
recorded for replay), then one request probes it. Searches and writes are apart because a
cluster can serve one and not the other: with a primary shard on a frozen node, searches go
to the replica while writes wait for the primary until the cluster drops the node.
"""

import json
import logging
import math
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, BadRequestError, ConnectionTimeout, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import streaming_bulk

from ..breaker import CircuitBreaker
from .base import (
    DOCUMENT_TYPES,
    DocumentRef,
    RebuildReport,
    SearchBackend,
    SearchResponse,
    SearchUnavailable,
    Suggestion,
    chunked,
)
from .es_mapping import (
    alias_name,
    all_alias_name,
    entry_source,
    index_body,
    new_index_name,
    next_alias_name,
    replica_settings,
    tombstone_source,
)
from .es_query import build_search, build_suggest, read_facets, read_hit

logger = logging.getLogger(__name__)

# Index operations of one bulk request per TIMEOUT it may take (a healthy node writes a few
# hundred small documents with their replicas in well under TIMEOUT).
WRITES_PER_TIMEOUT = 100

DEFAULT_OPTIONS = {
    "URL": "http://127.0.0.1:9200",  # one node, or every node of a cluster, comma-separated
    "INDEX_PREFIX": "storefront",
    # Seconds one node may take to answer a search or an index write before the request is
    # retried on another node (and, once every node had its turn, answered by the database
    # or recorded for replay).
    "TIMEOUT": 0.5,
    # Retries on another node after a refused connection or a timeout: None = one per other node.
    "MAX_RETRIES": None,
    # Replicas of each index: "auto" (one as soon as the cluster has two data nodes, none on a
    # single node: Elasticsearch's auto_expand_replicas "0-1") or a number. Used for indices
    # created from now on (the next rebuild).
    "REPLICAS": "auto",
    # Failed requests in a row that open a circuit breaker, and seconds it stays open.
    "BREAKER_FAILURES": 3,
    "BREAKER_COOLDOWN": 10,
    "BULK_TIMEOUT": 60,  # seconds, for one bulk request of a rebuild
    "CHUNK_SIZE": 1000,  # documents per bulk request (1,000 loaded the scale data 10–20 % sooner than 500)
    # Bulk requests of a rebuild in flight at once: the next documents are read from the
    # database while the node indexes the previous ones.
    "BULK_THREADS": 2,
    "SWAP_GRACE": 1.0,  # seconds between the alias swap and deleting the old indices
}


# A new index while a rebuild fills it: not refreshed (nobody searches it yet) and its
# translog written to disk every few seconds instead of at each bulk request. A node lost
# meanwhile costs nothing: a replica (REPLICAS as configured, so that a rebuild survives a
# node's loss, docs/deployment.md) has every write, and when none has, the rebuild fails
# and its indices are dropped. ``_finish_loading`` sets both back before the swap.
LOADING_SETTINGS = {"refresh_interval": "-1", "translog": {"durability": "async"}}


def _status(error):
    return getattr(error, "status_code", None) or getattr(getattr(error, "meta", None), "status", None)


@contextmanager
def unavailable_on_failure(action):
    """Turns "the node cannot serve this" into SearchUnavailable; other errors (a 400 for a
    request we built wrong) stay what they are."""
    try:
        yield
    except TransportError as error:  # connection refused, timeout, TLS
        raise SearchUnavailable(f"Elasticsearch unreachable while {action}: {error}") from error
    except NotFoundError as error:
        raise SearchUnavailable(f"Elasticsearch index missing while {action}: {error}", engine_answered=True) from error
    except ApiError as error:
        status = _status(error)
        if status is not None and (status >= 500 or status == 429):
            raise SearchUnavailable(f"Elasticsearch failed ({status}) while {action}: {error}") from error
        raise


class BulkError(SearchUnavailable):
    """Some documents of a bulk request were refused."""


def node_urls(url):
    """The nodes' URLs from ``URL``: one, several comma-separated, or a list."""
    urls = [part.strip() for part in (url.split(",") if isinstance(url, str) else url) if part.strip()]
    if not urls:
        raise ImproperlyConfigured('SEARCH["OPTIONS"]["URL"] (ELASTICSEARCH_URL) names no Elasticsearch node.')
    return urls


def positive_number(value, option, variable):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ImproperlyConfigured(f'SEARCH["OPTIONS"]["{option}"] ({variable}) must be a number of seconds above 0, got {value!r}')
    return value


def replica_count(value):
    """``"auto"`` or a whole number of replicas of 0 or more."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ImproperlyConfigured(
        f'SEARCH["OPTIONS"]["REPLICAS"] (SEARCH_INDEX_REPLICAS) must be "auto" or a whole number of 0 or more, got {value!r}'
    )


def content_locales():
    return [code.lower() for code, _ in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [(settings.LANGUAGE_CODE, "")])]


class ElasticsearchSearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, **options):
        super().__init__(**options)
        merged = {**DEFAULT_OPTIONS, **{key.upper(): value for key, value in options.items()}}
        self.urls = node_urls(merged["URL"])
        self.prefix = merged["INDEX_PREFIX"]
        self.timeout = positive_number(merged["TIMEOUT"], "TIMEOUT", "SEARCH_TIMEOUT")
        self.max_retries = len(self.urls) - 1 if merged["MAX_RETRIES"] is None else merged["MAX_RETRIES"]
        self.replicas = replica_count(merged["REPLICAS"])
        self.bulk_timeout = merged["BULK_TIMEOUT"]
        self.chunk_size = merged["CHUNK_SIZE"]
        self.bulk_threads = merged["BULK_THREADS"]
        self.swap_grace = merged["SWAP_GRACE"]
        failures = merged["BREAKER_FAILURES"]
        if not isinstance(failures, int) or failures < 1:
            raise ImproperlyConfigured(
                f'SEARCH["OPTIONS"]["BREAKER_FAILURES"] (SEARCH_BREAKER_FAILURES) must be a whole number of 1 or more, got {failures!r}'
            )
        cooldown = positive_number(merged["BREAKER_COOLDOWN"], "BREAKER_COOLDOWN", "SEARCH_BREAKER_COOLDOWN")
        self.breakers = {
            kind: CircuitBreaker(kind, failures=failures, cooldown=cooldown) for kind in ("searches", "index writes")
        }
        self._clients = {}

    def _new_client(self):
        return Elasticsearch(
            self.urls,
            request_timeout=self.timeout,
            max_retries=self.max_retries,
            retry_on_timeout=True,  # a hung node: try the next one
            # A failing node is left out for 1 s, 2 s, 4 s ... up to 30 s (the library's defaults).
            dead_node_backoff_factor=1.0,
            max_dead_node_backoff=30.0,
        )

    @property
    def client(self):
        """The client for searches (and everything else but the writes after a commit)."""
        if "search" not in self._clients:
            self._clients["search"] = self._new_client()
        return self._clients["search"]

    @property
    def write_client(self):
        """The client for index writes, with a node pool of its own: a write that times out
        behind a frozen primary shard says nothing about the node that coordinated it, and
        must not make searches avoid that node."""
        if "write" not in self._clients:
            self._clients["write"] = self._new_client()
        return self._clients["write"]

    @property
    def patient_client(self):
        """The client with the bulk timeout, for a rebuild's requests (a refresh after a
        large load, deleting big indices) and creating indices, which take longer than a
        search."""
        return self.client.options(request_timeout=self.bulk_timeout)

    # --- searching ----------------------------------------------------------------------------

    def search(self, request):
        body = build_search(request).to_dict()
        raw = self._search(alias_name(self.prefix, request.locale), body, "searching")
        hits = [read_hit(hit, request.near) for hit in raw["hits"]["hits"]]
        facets = read_facets(raw.get("aggregations", {})) if request.facets else {}
        return SearchResponse(hits=hits, total=raw["hits"]["total"]["value"], facets=facets, backend=self.name)

    def suggest(self, prefix, *, locale, site_id=None, types=(), limit=8):
        if not prefix.strip():
            return []
        body = build_suggest(prefix, types=types or DOCUMENT_TYPES, site_id=site_id, size=limit * 3).to_dict()
        raw = self._search(alias_name(self.prefix, locale), body, "suggesting")
        suggestions, seen = [], set()
        for option in raw["suggest"]["titles"][0]["options"]:
            source = option["_source"]
            if source["title"].casefold() in seen:
                continue
            seen.add(source["title"].casefold())
            suggestions.append(Suggestion(source["title"], DocumentRef(source["type"], int(source["object_id"]))))
        return suggestions[:limit]

    @contextmanager
    def searching(self, action):
        """A block of search requests: refused at once while the searches' circuit breaker is
        open, its failures (SearchUnavailable) counted by it."""
        with self.breakers["searches"].call(), unavailable_on_failure(action):
            yield

    def _search(self, index, body, action):
        """One search, retried once when an index vanished under it or lost its shards (a
        rebuild deleted the old indices while this search was running on them)."""
        with self.searching(action):
            try:
                return self.client.search(index=index, body=body, allow_partial_search_results=False).body
            except ApiError as error:
                if _status(error) not in (404, 503):
                    raise
                return self.client.search(index=index, body=body, allow_partial_search_results=False).body

    # --- writing ------------------------------------------------------------------------------

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        with self.breakers["index writes"].call(), unavailable_on_failure("indexing"):
            aliases = self._aliases(self.write_client)
            self._create_missing({document.locale for document in documents}, aliases)
            rebuilding = self._rebuilding_locales(aliases)
            actions = []
            for document in documents:
                source = entry_source(document)
                for target in self._write_targets(document.locale, rebuilding):
                    actions.append({"_op_type": "index", "_index": target, "_id": document.ref.key, "_source": source})
            self._bulk(self._writing(actions), actions)

    def delete(self, refs):
        refs = list(refs)
        if not refs:
            return
        with self.breakers["index writes"].call(), unavailable_on_failure("deleting"):
            aliases = self._aliases(self.write_client)
            locales = [locale for locale in self._known_locales(aliases) if alias_name(self.prefix, locale) in aliases]
            rebuilding = self._rebuilding_locales(aliases)
            actions = []
            for ref in refs:
                for locale in locales:
                    actions.append({"_op_type": "delete", "_index": alias_name(self.prefix, locale), "_id": ref.key})
                for locale in rebuilding:
                    actions.append(
                        {
                            "_op_type": "index",
                            "_index": next_alias_name(self.prefix, locale),
                            "_id": ref.key,
                            "_source": tombstone_source(ref, locale),
                        }
                    )
            self._bulk(self._writing(actions), actions)

    def _writing(self, actions):
        """The write client with TIMEOUT for every WRITES_PER_TIMEOUT operations of a bulk
        request: a publish's few documents get TIMEOUT, a replay of 500 more time."""
        chunk = min(len(actions), self.chunk_size)
        return self.write_client.options(request_timeout=self.timeout * max(1, math.ceil(chunk / WRITES_PER_TIMEOUT)))

    def _write_targets(self, locale, rebuilding):
        targets = [alias_name(self.prefix, locale)]
        if locale in rebuilding:
            targets.append(next_alias_name(self.prefix, locale))
        return targets

    def _bulk(self, client, actions, require_alias=True):
        """Sends ``actions``; an alias that vanished meanwhile (a rebuild swapped it away) and
        deleting what is not there are fine, anything else refused raises BulkError."""
        failures = []
        for ok, item in streaming_bulk(
            client,
            actions,
            chunk_size=self.chunk_size,
            raise_on_error=False,
            require_alias=require_alias,
        ):
            if not ok and not _harmless(item):
                failures.append(item)
        if failures:
            answered = not any(_overloaded(item) for item in failures)
            raise BulkError(f"Elasticsearch refused {len(failures)} operations, first: {failures[0]}", engine_answered=answered)

    def refresh(self):
        """Makes every write visible to searches now (tests; Elasticsearch does it each second)."""
        with unavailable_on_failure("refreshing"):
            self.patient_client.indices.refresh(index=f"{self.prefix}-*")

    # --- indices and aliases ------------------------------------------------------------------

    def _aliases(self, client=None):
        """``{alias: [index, …]}`` for this prefix's aliases (with the patient client unless
        told otherwise: rebuilds and commands)."""
        found = (client or self.patient_client).indices.get_alias(index=f"{self.prefix}-*", ignore_unavailable=True).body
        aliases = {}
        for index, entry in found.items():
            for alias in entry.get("aliases", {}):
                aliases.setdefault(alias, []).append(index)
        return aliases

    def _rebuilding_locales(self, aliases):
        return {locale for locale in self._known_locales(aliases) if next_alias_name(self.prefix, locale) in aliases}

    def _known_locales(self, aliases):
        start = len(self.prefix) + 1
        names = {alias[start:].removesuffix("-next") for alias in aliases if alias != all_alias_name(self.prefix)}
        return sorted(names | set(content_locales()))

    def ensure_index(self, locales=None):
        """Creates the first index of each locale (default: the content languages) that has
        none. Safe to run concurrently: the first index has a fixed name."""
        with unavailable_on_failure("creating indices"):
            self._create_missing(set(locales or content_locales()), self._aliases())

    def _create_missing(self, locales, aliases):
        for locale in sorted(locales):
            alias = alias_name(self.prefix, locale)
            if alias in aliases:
                continue
            body = index_body(locale, **replica_settings(self.replicas))
            body["aliases"] = {alias: {}, all_alias_name(self.prefix): {}}
            try:
                self.patient_client.indices.create(index=f"{alias}-0", body=body)
            except BadRequestError as error:
                if error.error != "resource_already_exists_exception":  # another process was first
                    raise
            aliases[alias] = [f"{alias}-0"]

    def drop_indices(self):
        """Deletes every index of this prefix (tests)."""
        with unavailable_on_failure("deleting indices"):
            self.patient_client.options(ignore_status=404).indices.delete(
                index=f"{self.prefix}-*", expand_wildcards="all", allow_no_indices=True
            )

    def rebuild(self, documents, *, total=None, progress=None):
        started = time.monotonic()
        with unavailable_on_failure("rebuilding"):
            self._drop_unfinished_rebuild()
            new = {}
            try:
                for locale in self._known_locales(self._aliases()):
                    new[locale] = self._create_next_index(locale)
                count = self._load(documents, new, total, progress)
                self._swap(new)
            except BaseException:
                if new:
                    self.patient_client.options(ignore_status=404).indices.delete(index=",".join(new.values()))
                raise
        return RebuildReport(documents=count, seconds=time.monotonic() - started, index=",".join(sorted(new.values())))

    def _drop_unfinished_rebuild(self):
        unfinished = {
            index for alias, indices in self._aliases().items() if alias.endswith("-next") for index in indices
        }
        if unfinished:
            logger.warning("Dropping the indices of an unfinished rebuild: %s", ", ".join(sorted(unfinished)))
            self.patient_client.options(ignore_status=404).indices.delete(index=",".join(sorted(unfinished)))

    def _create_next_index(self, locale):
        name = new_index_name(self.prefix, locale)
        body = index_body(locale, **LOADING_SETTINGS, **replica_settings(self.replicas))
        body["aliases"] = {next_alias_name(self.prefix, locale): {}}
        self.patient_client.indices.create(index=name, body=body)
        return name

    def _load(self, documents, new, total, progress):
        def entries():
            for document in documents:
                if document.locale not in new:  # a language added since the settings were read
                    new[document.locale] = self._create_next_index(document.locale)
                yield new[document.locale], document.ref.key, entry_source(document)

        # Documents are read here (the database connection belongs to this thread) while up to
        # BULK_THREADS bulk requests are in flight.
        done, failures, in_flight = 0, [], deque()

        def settle():
            nonlocal done
            future, size = in_flight.popleft()
            failures.extend(future.result())
            done += size
            if progress is not None:
                progress(done, total)

        with ThreadPoolExecutor(max_workers=self.bulk_threads) as pool:
            for chunk in chunked(entries(), self.chunk_size):
                in_flight.append((pool.submit(self._refused, chunk), len(chunk)))
                while len(in_flight) > self.bulk_threads:
                    settle()
            while in_flight:
                settle()
        if failures:
            raise BulkError(f"Elasticsearch refused {len(failures)} documents of the rebuild, first: {failures[0]}")
        if progress is not None and done == 0:
            progress(0, total)
        return done

    def _refused(self, entries):
        """Creates ``entries`` ((index, id, source)) in one bulk request; returns the items
        refused for a reason that matters. The request body is written here, as the client
        would write it (compact JSON, UTF-8): the client's bulk helper copies and inspects
        every action, which cost a rebuild more CPU than serialising the documents."""
        body = "".join(
            f'{{"create":{{"_index":{dumps(index)},"_id":{dumps(key)}}}}}\n{dumps(source)}\n'
            for index, key, source in entries
        )
        # Only what telling the refused items apart needs comes back, not each item's shards,
        # version and sequence number (a fifth of the bytes for the node to write and us to read).
        answer = self.patient_client.bulk(operations=body.encode(), filter_path=BULK_ANSWER).body
        if not answer["errors"]:
            return []
        return [item for item in answer["items"] if not _ok(item) and not _harmless(item)]

    def _swap(self, new):
        names = ",".join(new.values())
        self._finish_loading(names)
        aliases = self._aliases()
        all_alias = all_alias_name(self.prefix)
        old = set()
        actions = []
        for locale, index in new.items():
            alias = alias_name(self.prefix, locale)
            for previous in aliases.get(alias, []):
                old.add(previous)
                actions.append({"remove": {"index": previous, "alias": alias}})
            actions.append({"remove": {"index": index, "alias": next_alias_name(self.prefix, locale)}})
            actions.append({"add": {"index": index, "alias": alias}})
            actions.append({"add": {"index": index, "alias": all_alias}})
        for previous in sorted(old & set(aliases.get(all_alias, []))):
            actions.append({"remove": {"index": previous, "alias": all_alias}})
        self.patient_client.indices.update_aliases(actions=actions)
        if old:
            time.sleep(self.swap_grace)  # searches already resolved to the old indices finish
            self.patient_client.options(ignore_status=404).indices.delete(index=",".join(sorted(old)))
        self._purge_tombstones(names)

    def _finish_loading(self, names):
        """The new indices as live ones are: refreshed each second, every write durable at
        once; then every document loaded made visible and committed to disk (flush)."""
        settings = {"refresh_interval": None, "translog.durability": None}
        self.patient_client.indices.put_settings(index=names, settings={"index": settings})
        self.patient_client.indices.refresh(index=names)
        self.patient_client.indices.flush(index=names)

    def _purge_tombstones(self, names):
        """Deletes the tombstones of deletes that arrived during the rebuild (by search and
        bulk: our node has no delete-by-query, which lives in the reindex module)."""
        query = {"term": {"deleted": True}}
        while True:
            self.patient_client.indices.refresh(index=names)
            hits = self.patient_client.search(index=names, query=query, size=1000, source=False).body["hits"]["hits"]
            if not hits:
                return
            deletes = [{"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in hits]
            self._bulk(self.patient_client, deletes, require_alias=False)

    # --- health -------------------------------------------------------------------------------

    def is_available(self):
        """A node answers (each within TIMEOUT, at most two seconds) and the cluster is not red.
        (Cluster health, not ping: our node has no handler for ``HEAD /``.)"""
        try:
            health = self.client.options(request_timeout=min(self.timeout, 2)).cluster.health()
        except (TransportError, ApiError):
            return False
        return health.body.get("status") in ("green", "yellow")

    def diagnostics(self):
        """Each node asked on its own (what it answers, or how it fails), the replicas of the
        live indices, and this process's circuit breakers."""
        lines = [f"Nodes: {len(self.urls)}, {self.timeout:g} s per request and node, up to {self.max_retries} retries on another node"]
        for url in self.urls:
            lines.append(f"  {url}  {self._node_health(url)}")
        lines.append(f"Replicas: {self._replicas_wanted()}")
        try:
            indices = self.client.cat.indices(index=f"{self.prefix}-*", format="json", h="index,health,rep,docs.count").body
            live = {index for alias, names in self._aliases(self.client).items() if not alias.endswith("-next") for index in names}
        except (TransportError, ApiError) as error:
            indices, live = [], set()
            lines.append(f"  the live indices could not be listed ({type(error).__name__})")
        for row in sorted(indices, key=lambda row: row["index"]):
            if row["index"] in live:
                lines.append(f"  {row['index']}: {row['health']}, {row['rep']} replica(s), {row['docs.count']} entries")
        lines.append("Circuit breakers (this process's; each app process keeps its own and logs when it opens and closes):")
        lines += [f"  {breaker.describe()}" for breaker in self.breakers.values()]
        return lines

    def _node_health(self, url):
        client = Elasticsearch(url, request_timeout=self.timeout, max_retries=0)
        started = time.monotonic()
        try:
            health = client.cluster.health().body
        except ConnectionTimeout:
            return f"timed out after {self.timeout:g} s"
        except TransportError as error:
            return f"unreachable ({type(error).__name__})"
        except ApiError as error:
            return f"answered {_status(error)}"
        finally:
            client.close()
        return (
            f"answered in {(time.monotonic() - started) * 1000:.0f} ms: cluster {health['cluster_name']} "
            f"{health['status']}, {health['number_of_nodes']} node(s)"
        )

    def _replicas_wanted(self):
        if self.replicas == "auto":
            return "auto (one as soon as the cluster has two data nodes), for indices created from now on"
        return f"{self.replicas}, for indices created from now on"


BULK_ANSWER = ["errors", "items.*._id", "items.*.status", "items.*.error"]


def dumps(value):
    """Compact JSON, as the client's serializer writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _ok(item):
    (result,) = item.values()
    return 200 <= result.get("status", 500) < 300


def _overloaded(item):
    """An operation refused because the cluster could not take it (no active primary shard,
    queue full), not because of the document."""
    (result,) = item.values()
    status = result.get("status") or 0
    return status >= 500 or status == 429


def _harmless(item):
    (operation, result), = item.items()
    status = result.get("status")
    if operation == "delete" and status == 404:
        return True  # not there: nothing to delete
    if operation == "create" and status == 409:
        return True  # written during the rebuild by index()/delete(): newer than our read
    error = result.get("error") or {}
    # the -next alias was swapped away between our look-up and the write: the live alias got it
    return status == 404 and error.get("type") in {"index_not_found_exception", "alias_not_found_exception"}
