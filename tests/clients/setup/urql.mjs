// urql (@urql/core 6, the client under urql's React, Vue and Svelte bindings) against the
// storefront API: automatic persisted queries, sent as GET while the URL stays short.
import { Client, cacheExchange, fetchExchange } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";

// `fetch` may be left out (the global fetch); the tests pass one that records each exchange.
export function storefrontClient({ url, fetch }) {
  return new Client({
    url,
    fetch,
    exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
  });
}
