// No GraphQL client library: graphql-request and plain fetch, set up as docs/frontends.md
// shows (setup/requests.mjs), and what the endpoint answers each media type.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ClientError } from "graphql-request";
import { queryByGet, storefrontRequests } from "./setup/requests.mjs";
import {
  DOCUMENTS, GRAPHQL_URL, INVALID_QUERY, PREVIEW_QUERY, assertCacheableGet, assertNotStored, assertRevalidates,
  preview, recordingFetch, referenceData,
} from "./support.mjs";

for (const [name, text] of Object.entries(DOCUMENTS)) {
  test(`graphql-request: docs/queries/${name}.graphql as a cacheable GET`, async () => {
    const { fetch, calls } = recordingFetch();
    const { data, status } = await storefrontRequests({ url: GRAPHQL_URL, fetch }).rawRequest(text);
    assert.equal(status, 200);
    assert.deepEqual(data, await referenceData(text));
    const [call] = calls;
    const operationName = text.match(/query (\w+)/)[1];
    assert.ok(call.url.searchParams.get("query").startsWith(`query ${operationName} {`)); // whitespace squeezed
    assert.equal(call.url.searchParams.get("operationName"), operationName);
    assertCacheableGet(call);
    await assertRevalidates(call);
  });
}

test("graphql-request: a preview by token, its variables as JSON in the URL, is not cached", async () => {
  const { token, title } = preview();
  const { fetch, calls } = recordingFetch();
  const data = await storefrontRequests({ url: GRAPHQL_URL, fetch }).request(PREVIEW_QUERY, { token });
  assert.equal(data.page.title, title);
  assert.deepEqual(JSON.parse(calls[0].url.searchParams.get("variables")), { token });
  assertNotStored(calls[0]);
});

test("graphql-request: a refused query throws a ClientError with the status and the errors", async () => {
  await assert.rejects(storefrontRequests({ url: GRAPHQL_URL }).request(INVALID_QUERY), (error) => {
    assert.ok(error instanceof ClientError, error);
    assert.equal(error.response.status, 400);
    assert.match(error.response.errors[0].message, /noSuchField/);
    return true;
  });
});

test("fetch: graphql-response+json tells a refused request by its 400; application/json answers 200 with the errors", async () => {
  const modern = await queryByGet(GRAPHQL_URL, INVALID_QUERY);
  const plain = await queryByGet(GRAPHQL_URL, INVALID_QUERY, {}, { headers: { accept: "application/json" } });
  assert.deepEqual([modern.status, plain.status], [400, 200]);
  assert.equal(modern.headers.get("content-type"), "application/graphql-response+json");
  assert.equal(plain.headers.get("content-type"), "application/json");
  assert.deepEqual(modern.body, plain.body);
  assert.equal("data" in plain.body, false);
  assert.match(plain.body.errors[0].message, /noSuchField/);
});

test("fetch: a limit refuses with its code, under either media type", async () => {
  const deep = `{ page(path: "/") { ${"parent { ".repeat(12)}title${" }".repeat(12)} } }`;
  const { status, body } = await queryByGet(GRAPHQL_URL, deep);
  assert.equal(status, 400);
  assert.deepEqual(body.errors[0].extensions, { code: "QUERY_TOO_DEEP", setting: "MAX_DEPTH", value: 14, limit: 12 });
});

test("fetch: a batch is a JSON list of operations, answered in order", async () => {
  const response = await fetch(GRAPHQL_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify([{ query: DOCUMENTS.stores_in_milan }, { query: "query($n: Int) { products(first: $n) { totalCount } }", variables: { n: 1 } }]),
  });
  assert.equal(response.status, 200);
  const [stores, products] = await response.json();
  assert.deepEqual(stores.data, await referenceData(DOCUMENTS.stores_in_milan));
  assert.ok(products.data.products.totalCount > 0);
});

test("GraphiQL is still served to a browser in development", async () => {
  const response = await fetch(GRAPHQL_URL, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/html/);
  assert.match(await response.text(), /graphiql/i);
  assert.match(response.headers.get("vary"), /(^|, )Accept(,|$)/);
});
