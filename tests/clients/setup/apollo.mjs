// Apollo Client 4 against the storefront API: automatic persisted queries sent as GET (short
// URLs a CDN caches), and a batching client for pages that ask many small things at once.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

// The API's GRAPHQL_MAX_BATCH (10 unless the deployment changed it): a larger batch is refused.
export const MAX_BATCH = 10;

// Hex SHA-256 with the Web Crypto API (pages on HTTPS or localhost, and Node 20+).
export async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// `fetch` may be left out (the global fetch); the tests pass one that records each exchange.
export function storefrontClient({ uri, fetch }) {
  const persistedQueries = new PersistedQueryLink({ sha256, useGETForHashedQueries: true });
  return new ApolloClient({
    link: persistedQueries.concat(new HttpLink({ uri, fetch })),
    cache: new InMemoryCache(),
    clientAwareness: { name: "shop-web", version: "1.0.0" },
  });
}

export function batchingClient({ uri, fetch }) {
  return new ApolloClient({
    link: new BatchHttpLink({ uri, fetch, batchMax: MAX_BATCH, batchInterval: 20 }),
    cache: new InMemoryCache(),
  });
}
