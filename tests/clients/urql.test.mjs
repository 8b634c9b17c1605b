// urql, set up as docs/frontends.md shows (setup/urql.mjs): the persisted exchange sends a
// query's hash by GET, and on a miss the text with it (also by GET while the URL is short).
import assert from "node:assert/strict";
import { test } from "node:test";
import { storefrontClient } from "./setup/urql.mjs";
import {
  DOCUMENTS, FIELD_ERROR_QUERY, GRAPHQL_RESPONSE_JSON, GRAPHQL_URL, INVALID_QUERY, PREVIEW_QUERY, assertCacheableGet, assertNotStored,
  assertRevalidates, newOperationName, persistedHash, preview, recordedClient, referenceData, withoutTypenames,
} from "./support.mjs";

const client = () => recordedClient((fetch) => storefrontClient({ url: GRAPHQL_URL, fetch }));

test("a new query: hash-only GET, PersistedQueryNotFound, the text with the hash; then GET by hash with ETag and 304", async () => {
  const name = newOperationName("Urql");
  const query = `query ${name} { site { name } }`;
  const first = client();
  const result = await first.client.query(query, {}).toPromise();
  assert.equal(result.error, undefined);
  assert.deepEqual(withoutTypenames(result.data), await referenceData("{ site { name } }"));

  const [notFound, withText] = first.calls;
  assert.equal(first.calls.length, 2);
  assert.equal(notFound.method, "GET");
  assert.equal(notFound.url.searchParams.get("query"), null);
  assert.equal(notFound.status, 200);
  assert.ok(withText.url.searchParams.get("query").includes(name), "the text goes in the URL while it is short");
  assert.equal(persistedHash(withText), persistedHash(notFound));
  assert.equal(withText.status, 200);
  assert.equal(withText.responseHeaders.get("content-type"), GRAPHQL_RESPONSE_JSON);

  const later = client();
  const again = await later.client.query(query, {}).toPromise();
  assert.deepEqual(again.data, result.data);
  assert.equal(later.calls.length, 1);
  assert.equal(later.calls[0].url.searchParams.get("query"), null);
  assertCacheableGet(later.calls[0]);
  await assertRevalidates(later.calls[0]);
});

for (const [name, text] of Object.entries(DOCUMENTS)) {
  test(`docs/queries/${name}.graphql through persisted queries`, async () => {
    const expected = await referenceData(text);
    const first = client();
    const result = await first.client.query(text, {}).toPromise();
    assert.equal(result.error, undefined);
    assert.deepEqual(withoutTypenames(result.data), withoutTypenames(expected));
    assert.ok(first.calls.every((call) => call.method === "GET" && call.status === 200));

    const later = client();
    const again = await later.client.query(text, {}).toPromise();
    assert.deepEqual(again.data, result.data);
    assert.equal(later.calls.length, 1);
    assertCacheableGet(later.calls[0]);
    await assertRevalidates(later.calls[0]);
  });
}

test("a draft preview by token is served and never cached", async () => {
  const { token, title } = preview();
  await client().client.query(PREVIEW_QUERY, { token }).toPromise();
  const { client: urql, calls } = client();
  const result = await urql.query(PREVIEW_QUERY, { token }).toPromise();
  assert.equal(result.data.page.title, title);
  assert.deepEqual(calls.map((call) => [call.method, call.status]), [["GET", 200]]);
  assert.deepEqual(JSON.parse(calls[0].url.searchParams.get("variables")), { token });
  assertNotStored(calls[0]);
});

test("a refused query reaches the app as GraphQL errors, with a 400 and nothing cached", async () => {
  const { client: urql, calls } = client();
  const result = await urql.query(INVALID_QUERY, {}).toPromise();
  assert.equal(result.data, undefined);
  assert.match(result.error.graphQLErrors[0].message, /Cannot query field 'noSuchField'/);
  const refused = calls.at(-1);
  assert.equal(refused.status, 400);
  assert.equal(refused.responseHeaders.get("content-type"), GRAPHQL_RESPONSE_JSON);
  assertNotStored(refused);
});

test("a field error comes with the rest of the data and the argument it names", async () => {
  const { client: urql } = client();
  const result = await urql.query(FIELD_ERROR_QUERY, {}).toPromise();
  assert.equal(result.data.product, null);
  assert.equal(typeof result.data.site.name, "string");
  assert.deepEqual(result.error.graphQLErrors[0].extensions, { code: "BAD_ARGUMENT", field: "sku" });
});
