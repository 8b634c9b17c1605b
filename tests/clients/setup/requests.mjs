// No GraphQL client at all: graphql-request, or fetch with the query in the URL.
import { GraphQLClient } from "graphql-request";

// Queries as GET (cacheable by browsers and CDNs); graphql-request sends mutations as POST.
export function storefrontRequests({ url, fetch }) {
  return new GraphQLClient(url, { method: "GET", fetch });
}

// A GET of `query` with its variables; the answer is application/graphql-response+json (4xx
// when the request was refused before it ran) or, for clients that ask for it, application/json.
export async function queryByGet(url, query, variables = {}, { fetch = globalThis.fetch, headers = {} } = {}) {
  const target = new URL(url);
  target.searchParams.set("query", query);
  target.searchParams.set("variables", JSON.stringify(variables));
  const response = await fetch(target, {
    headers: { accept: "application/graphql-response+json, application/json;q=0.9", ...headers },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
