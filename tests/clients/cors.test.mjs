// CORS in a real browser: a shop on another origin (another port of 127.0.0.1) calls /graphql
// with fetch and with Apollo Client (bundled by esbuild from setup/apollo.mjs, as a frontend's
// build would) and gets data; a page of an origin not in CORS_ALLOWED_ORIGINS is refused by
// the browser. scripts/clients.sh starts the API with CORS_ALLOWED_ORIGINS set to the allowed
// port's origin.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { BASE_URL, DOCUMENTS, GRAPHQL_URL, newOperationName, referenceData, withoutTypenames } from "./support.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SKIP = !existsSync(CHROMIUM) && `no browser at ${CHROMIUM} (scripts/browser.sh install)`;
const HERE = dirname(fileURLToPath(import.meta.url));
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>'
  + '<body><script type="module" src="/apollo.js"></script></body></html>';

let browser;
const shops = {};

// A frontend's own server: its page and its bundle of Apollo Client.
async function serveShop(port, bundle) {
  const server = createServer((request, response) => {
    const [type, body] = request.url === "/apollo.js" ? ["text/javascript", bundle] : ["text/html; charset=utf-8", PAGE];
    response.writeHead(200, { "content-type": type });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}

before(async () => {
  if (SKIP) return;
  const allowedPort = Number(process.env.CORS_ALLOWED_PORT);
  const deniedPort = Number(process.env.CORS_DENIED_PORT);
  assert.ok(allowedPort && deniedPort, "CORS_ALLOWED_PORT and CORS_DENIED_PORT are not set: run the tests with scripts/clients.sh test");
  const bundled = await build({
    stdin: {
      contents: 'import { gql } from "@apollo/client"; import { storefrontClient } from "./setup/apollo.mjs"; window.storefront = { gql, storefrontClient };',
      resolveDir: HERE,
      sourcefile: "shop.mjs",
    },
    bundle: true,
    format: "esm",
    minify: true,
    write: false,
    logLevel: "warning",
  });
  const bundle = bundled.outputFiles[0].text;
  shops.allowed = await serveShop(allowedPort, bundle);
  shops.denied = await serveShop(deniedPort, bundle);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
});

after(async () => {
  await browser?.close();
  for (const { server } of Object.values(shops)) server.close();
});

async function openShop(shop) {
  const page = await browser.newPage();
  await page.goto(`${shop.origin}/`);
  await page.waitForFunction(() => window.storefront);
  return page;
}

// In the page: POST a query with fetch; the data, or the error the browser gave.
function postFromPage(page, query) {
  return page.evaluate(async ([url, text]) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query: text }),
      });
      return { status: response.status, etag: response.headers.get("etag"), body: await response.json() };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  }, [GRAPHQL_URL, query]);
}

function apolloFromPage(page, query) {
  return page.evaluate(async ([uri, text]) => {
    try {
      const client = window.storefront.storefrontClient({ uri });
      const { data } = await client.query({ query: window.storefront.gql(text) });
      return { data };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  }, [GRAPHQL_URL, query]);
}

test("a page on an allowed origin gets data with fetch, and reads the ETag of a GET", { skip: SKIP }, async () => {
  const page = await openShop(shops.allowed);
  const answer = await postFromPage(page, DOCUMENTS.stores_in_milan);
  assert.equal(answer.error, undefined);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.data, await referenceData(DOCUMENTS.stores_in_milan));
  const etag = await page.evaluate(async (url) => {
    const response = await fetch(`${url}?query=${encodeURIComponent("{ site { name } }")}`);
    return response.headers.get("etag");
  }, GRAPHQL_URL);
  assert.match(etag, /^"[0-9a-f]{64}"$/, "ETag is exposed to the page's script");
  await page.close();
});

test("a page on an allowed origin runs Apollo Client: preflighted GETs by hash, then POST", { skip: SKIP }, async () => {
  const page = await openShop(shops.allowed);
  const sent = [];
  page.on("request", (request) => request.url().startsWith(GRAPHQL_URL) && sent.push(request.method()));
  const query = `query ${newOperationName("Browser")} { site { name } }`;
  const answer = await apolloFromPage(page, query);
  assert.equal(answer.error, undefined);
  assert.deepEqual(withoutTypenames(answer.data), await referenceData("{ site { name } }"));
  assert.deepEqual(sent, ["GET", "POST"]);
  const home = await apolloFromPage(page, DOCUMENTS.home_page);
  assert.equal(home.error, undefined);
  assert.equal(home.data.home.url, "/it/");
  await page.close();
});

test("a page on an origin not allowed is refused by the browser", { skip: SKIP }, async () => {
  const page = await openShop(shops.denied);
  const posted = await postFromPage(page, "{ site { name } }");
  assert.match(posted.error || "", /TypeError: Failed to fetch/);
  const got = await page.evaluate(async (url) => {
    try {
      await fetch(`${url}?query=${encodeURIComponent("{ site { name } }")}`);
      return "read";
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  }, GRAPHQL_URL);
  assert.match(got, /TypeError: Failed to fetch/);
  const apollo = await apolloFromPage(page, "query Denied { site { name } }");
  assert.match(apollo.error || "", /Failed to fetch/);
  await page.close();
});

test("a page on an allowed origin reads the theme's CSS", { skip: SKIP }, async () => {
  const page = await openShop(shops.allowed);
  const css = await page.evaluate(async (url) => (await fetch(url)).text(), `${BASE_URL}/themes/active.css`);
  assert.match(css, /--color-primary:/);
  const denied = await openShop(shops.denied);
  const refused = await denied.evaluate(async (url) => fetch(url).then(() => "read", (error) => error.message), `${BASE_URL}/themes/active.css`);
  assert.match(refused, /Failed to fetch/);
  await page.close();
  await denied.close();
});
