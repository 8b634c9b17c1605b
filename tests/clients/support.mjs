// Shared set-up of the client tests: the live demo site at BASE_URL (scripts/clients.sh builds
// and serves it), the documents of docs/queries, a fetch that records every exchange a client
// makes, and reference answers fetched with a plain POST.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BASE_URL = process.env.BASE_URL || "http://127.0.0.1:8000";
export const GRAPHQL_URL = `${BASE_URL}/graphql`;
export const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
const QUERIES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "queries");

// The example queries of docs/queries/, by file name: HomePage, StoresInMilan, StoryByPath.
export const DOCUMENTS = Object.fromEntries(
  readdirSync(QUERIES)
    .filter((name) => name.endsWith(".graphql"))
    .map((name) => [name.replace(/\.graphql$/, ""), readFileSync(join(QUERIES, name), "utf8")]),
);

export const PREVIEW_QUERY = "query Preview($token: String!) { page(previewToken: $token) { id title } }";
// A request error: validation refuses it before anything runs.
export const INVALID_QUERY = 'query Invalid { home(locale: "en") { title noSuchField } }';
// A field error: the query runs, `product` is null and the error names the argument.
export const FIELD_ERROR_QUERY = 'query FieldError { site { name } product(sku: "a\\u0000b") { name } }';

// The draft the runner made (scripts/clients.sh): a story whose title has " (draft)" added,
// saved only in a preview, and the token that shows it.
export function preview() {
  const { PREVIEW_TOKEN: token, PREVIEW_TITLE: title } = process.env;
  assert.ok(token && title, "PREVIEW_TOKEN and PREVIEW_TITLE are not set: run the tests with scripts/clients.sh test");
  return { token, title };
}

// A fetch to hand to a client: it sends every request as the client made it and records
// method, URL, request headers and body, status and response headers.
export function recordingFetch() {
  const calls = [];
  async function recording(input, init = {}) {
    const call = {
      method: (init.method || "GET").toUpperCase(),
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call); // in the order the client sent them
    const response = await fetch(input, init);
    call.status = response.status;
    call.responseHeaders = response.headers;
    return response;
  }
  return { fetch: recording, calls };
}

// A client made by `make` (given a recording fetch), with the list of its exchanges.
export function recordedClient(make) {
  const { fetch: recording, calls } = recordingFetch();
  return { client: make(recording), calls };
}

// The data of `query` as a plain POST gets it, for comparing with what each client returns.
export async function referenceData(query, variables = {}) {
  const response = await fetch(GRAPHQL_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

// Apollo's and urql's caches add __typename to every selection; compare data without them.
export function withoutTypenames(value) {
  if (Array.isArray(value)) return value.map(withoutTypenames);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).filter(([key]) => key !== "__typename").map(([key, item]) => [key, withoutTypenames(item)]),
    );
  }
  return value;
}

// A GET a CDN or browser may keep: 200, a strong ETag, public Cache-Control with max-age.
export function assertCacheableGet(call) {
  assert.equal(call.method, "GET");
  assert.equal(call.status, 200);
  assert.match(call.responseHeaders.get("etag") || "", /^"[0-9a-f]{64}"$/);
  assert.match(call.responseHeaders.get("cache-control"), /public.*max-age=\d+/);
  assert.match(call.responseHeaders.get("vary"), /(^|, )Accept(,|$)/);
}

// The same GET again with the ETag, as a browser revalidates a stale response: 304, no body.
export async function assertRevalidates(call) {
  const response = await fetch(call.url, {
    headers: { accept: call.headers.get("accept"), "if-none-match": call.responseHeaders.get("etag") },
  });
  assert.equal(response.status, 304);
  assert.equal(await response.text(), "");
  assert.equal(response.headers.get("etag"), call.responseHeaders.get("etag"));
}

// What the server answers a draft preview with: never stored by a cache.
export function assertNotStored(call) {
  assert.match(call.responseHeaders.get("cache-control"), /no-store/);
  assert.equal(call.responseHeaders.get("etag"), null);
}

// A query name no earlier run used, so its hash is new to the server.
export function newOperationName(prefix) {
  return `${prefix}${randomUUID().replaceAll("-", "")}`;
}

export function persistedHash(call) {
  const extensions = call.method === "GET" ? JSON.parse(call.url.searchParams.get("extensions")) : call.body.extensions;
  return extensions?.persistedQuery?.sha256Hash;
}
