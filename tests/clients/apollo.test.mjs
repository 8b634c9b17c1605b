// Apollo Client 4, set up as docs/frontends.md shows (setup/apollo.mjs): automatic persisted
// queries over GET, and batching within the API's MAX_BATCH.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gql } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { MAX_BATCH, batchingClient, storefrontClient } from "./setup/apollo.mjs";
import {
  DOCUMENTS, FIELD_ERROR_QUERY, GRAPHQL_RESPONSE_JSON, GRAPHQL_URL, INVALID_QUERY, PREVIEW_QUERY, assertCacheableGet, assertNotStored,
  assertRevalidates, newOperationName, persistedHash, preview, recordedClient, referenceData, withoutTypenames,
} from "./support.mjs";

const client = () => recordedClient((fetch) => storefrontClient({ uri: GRAPHQL_URL, fetch }));

test("a new query: hash-only GET, PersistedQueryNotFound, POST with the text; then GET by hash with ETag and 304", async () => {
  const name = newOperationName("Apollo");
  const query = gql(`query ${name} { site { name } }`);
  const first = client();
  const { data } = await first.client.query({ query });
  assert.deepEqual(withoutTypenames(data), await referenceData("{ site { name } }"));

  const [notFound, withText] = first.calls;
  assert.equal(first.calls.length, 2);
  // Apollo sends Content-Type: application/json on its GETs too; that used to get a 400.
  assert.equal(notFound.method, "GET");
  assert.equal(notFound.headers.get("content-type"), "application/json");
  assert.equal(notFound.url.searchParams.get("query"), null);
  assert.equal(notFound.url.searchParams.get("operationName"), name);
  assert.equal(notFound.status, 200);
  assert.match(notFound.responseHeaders.get("cache-control"), /no-store/);
  assert.equal(withText.method, "POST");
  assert.ok(withText.body.query.includes(name));
  assert.equal(persistedHash(withText), persistedHash(notFound));
  assert.equal(withText.status, 200);
  assert.equal(withText.responseHeaders.get("content-type"), GRAPHQL_RESPONSE_JSON);

  // Another browser, later: one GET by hash, answered from what the server stored.
  const later = client();
  const again = await later.client.query({ query });
  assert.deepEqual(again.data, data);
  assert.equal(later.calls.length, 1);
  assertCacheableGet(later.calls[0]);
  assert.equal(later.calls[0].responseHeaders.get("content-type"), GRAPHQL_RESPONSE_JSON);
  // The client-awareness headers Apollo adds (a browser preflights them: see cors.test.mjs).
  assert.equal(later.calls[0].headers.get("apollographql-client-name"), "shop-web");
  await assertRevalidates(later.calls[0]);
});

for (const [name, text] of Object.entries(DOCUMENTS)) {
  test(`docs/queries/${name}.graphql through persisted queries`, async () => {
    const expected = await referenceData(text);
    const first = client();
    const { data } = await first.client.query({ query: gql(text), fetchPolicy: "no-cache" });
    assert.deepEqual(withoutTypenames(data), withoutTypenames(expected));
    assert.ok(first.calls.every((call) => call.status === 200), first.calls.map((call) => call.status).join());

    const later = client();
    const again = await later.client.query({ query: gql(text), fetchPolicy: "no-cache" });
    assert.deepEqual(again.data, data);
    assert.deepEqual(later.calls.map((call) => call.method), ["GET"]);
    assertCacheableGet(later.calls[0]);
    await assertRevalidates(later.calls[0]);
  });
}

test("a draft preview by token is served and never cached", async () => {
  const { token, title } = preview();
  const first = client();
  const { data } = await first.client.query({ query: gql(PREVIEW_QUERY), variables: { token } });
  assert.equal(data.page.title, title);
  const later = client();
  const again = await later.client.query({ query: gql(PREVIEW_QUERY), variables: { token } });
  assert.equal(again.data.page.title, title);
  assert.deepEqual(later.calls.map((call) => [call.method, call.status]), [["GET", 200]]);
  assertNotStored(later.calls[0]);
  assert.match(later.calls[0].responseHeaders.get("cache-control"), /private/);
});

test("a refused query reaches the app as GraphQL errors, with a 400 and nothing cached", async () => {
  const { client: apollo, calls } = client();
  await assert.rejects(apollo.query({ query: gql(INVALID_QUERY) }), (error) => {
    assert.ok(CombinedGraphQLErrors.is(error), error);
    assert.match(error.errors[0].message, /Cannot query field 'noSuchField'/);
    return true;
  });
  const refused = calls.at(-1);
  assert.equal(refused.status, 400);
  assert.equal(refused.responseHeaders.get("content-type"), GRAPHQL_RESPONSE_JSON);
  assertNotStored(refused);
});

test("a field error comes with the rest of the data and the argument it names", async () => {
  const { client: apollo } = client();
  const { data, error } = await apollo.query({ query: gql(FIELD_ERROR_QUERY), errorPolicy: "all" });
  assert.equal(data.site.name, (await referenceData("{ site { name } }")).site.name);
  assert.equal(data.product, null);
  assert.deepEqual(error.errors[0].extensions, { code: "BAD_ARGUMENT", field: "sku" });
});

test(`batching: ${MAX_BATCH + 2} queries go as one POST of ${MAX_BATCH} and one of 2; a refused one fails alone`, async () => {
  const { client: apollo, calls } = recordedClient((fetch) => batchingClient({ uri: GRAPHQL_URL, fetch }));
  const documents = Object.values(DOCUMENTS);
  const fillers = Array.from({ length: MAX_BATCH + 1 - documents.length }, (_, index) => `query Site${index} { site { name } }`);
  const queries = [...documents, INVALID_QUERY, ...fillers];
  assert.equal(queries.length, MAX_BATCH + 2);

  const results = await Promise.allSettled(queries.map((text) => apollo.query({ query: gql(text), fetchPolicy: "no-cache" })));
  assert.deepEqual(calls.map((call) => [call.method, call.body.length]), [["POST", MAX_BATCH], ["POST", 2]]);
  // The batch with the refused operation answers 400 (graphql-response+json); Apollo reads
  // each operation's own result all the same.
  assert.deepEqual(calls.map((call) => call.status), [400, 200]);
  for (const [index, text] of documents.entries()) {
    assert.equal(results[index].status, "fulfilled");
    assert.deepEqual(withoutTypenames(results[index].value.data), withoutTypenames(await referenceData(text)));
  }
  const refused = results[documents.length];
  assert.equal(refused.status, "rejected");
  assert.match(refused.reason.errors[0].message, /noSuchField/);
  const names = results.slice(documents.length + 1).map((result) => result.value.data.site.name);
  assert.equal(new Set(names).size, 1);
  assert.equal(names.length, fillers.length);
});
