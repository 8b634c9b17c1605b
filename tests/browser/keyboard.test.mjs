// Keyboard only: Tab from the top of the page reaches the search box (with a visible focus
// ring) and, after typing, the results.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, launch, screenshot } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(() => browser.close());

// The `search` field comes from the search app; without it the results part is skipped.
async function searchAvailable() {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: '{ search(query: "olive", first: 1) { totalCount } }' }),
  });
  const body = await response.json();
  return !body.errors;
}

async function tabUntil(page, predicate, limit = 40) {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate)) return presses;
  }
  return 0;
}

test("Tab from the top: skip link first, then the search box in the header", async () => {
  const page = await browser.context.newPage();
  await page.goto("/en/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  const presses = await tabUntil(page, () => document.activeElement.id === "site-search-q");
  assert.ok(presses > 0, "the header search box is reachable with Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused search box shows a focus ring");
  await screenshot(page, "keyboard-header-search-focused");

  await page.keyboard.type("olive");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/en\/search\/\?q=olive/);
  assert.equal(await page.inputValue("#search-q"), "olive");
  await page.close();
});

test("on the search page, typing shows results that Tab reaches", async (t) => {
  const page = await browser.context.newPage();
  await page.goto("/en/search/");
  const presses = await tabUntil(page, () => document.activeElement.id === "search-q");
  assert.ok(presses > 0, "the search box is reachable with Tab");
  await screenshot(page, "keyboard-search-box-focused");
  if (!(await searchAvailable())) {
    t.skip("the GraphQL `search` field is not in this API (the search branch is not merged): results not checked");
    await page.close();
    return;
  }
  await page.keyboard.type("olive");
  await page.locator("#search-results > li").first().waitFor();
  const toResult = await tabUntil(page, () => Boolean(document.activeElement.closest("#search-results")), 60);
  assert.ok(toResult > 0, "a result link is reachable with Tab after typing");
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "A");
  await screenshot(page, "keyboard-search-results");
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await Promise.all([page.waitForURL((url) => url.pathname !== "/en/search/"), page.keyboard.press("Enter")]);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, href, "Enter on a result opens it");
  await page.close();
});
