// The GraphQL-over-HTTP specification, checked by the graphql-http package's server audit:
// every check must pass, the optional (MAY) and recommended (SHOULD) ones included.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAudits } from "graphql-http";
import { GRAPHQL_URL } from "./support.mjs";

const audits = serverAudits({ url: GRAPHQL_URL });

test("the audit has its full list of checks", () => {
  assert.ok(audits.length >= 61, `${audits.length} checks`);
});

for (const audit of audits) {
  test(`${audit.id} ${audit.name}`, async () => {
    const result = await audit.fn();
    const reason = result.status === "ok" ? "" : `${result.reason}\n${JSON.stringify(result.response ? {
      status: result.response.status,
      headers: Object.fromEntries(result.response.headers),
    } : {})}`;
    assert.equal(result.status, "ok", reason);
  });
}
