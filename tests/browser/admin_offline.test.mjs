// The admin works on a network without internet: an editor logs in, opens the dashboard, a
// store's edit form and a chooser, and not one request goes to another host (no Gravatar
// avatars, no Wagtail update check; launch() fails every such request and records it).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, graphql, launch, logIn, screenshot, showTabOf, skipWithoutEditors } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(() => browser.close());

test("an editor's dashboard, store form and chooser request nothing from another host", async (t) => {
  if (skipWithoutEditors(t)) return;
  const page = await browser.context.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));

  await logIn(page, "editor");
  await page.waitForLoadState("networkidle");
  await screenshot(page, "admin-dashboard");

  const { stores } = await graphql("{ stores(first: 1) { edges { node { id } } } }");
  await page.goto(`/admin/pages/${stores.edges[0].node.id}/edit/`);
  await page.waitForLoadState("networkidle");
  await screenshot(page, "admin-store-form");
  await showTabOf(page, "#id_services");
  await page.locator("#id_services").click(); // "Choose services": Wagtail's chooser modal
  await page.locator(".modal input[data-multiple-choice-select]").first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500); // the modal's fade-in
  await screenshot(page, "admin-services-chooser", { fullPage: false });

  assert.deepEqual(browser.foreign, []);
  const elsewhere = requested.filter((url) => !url.startsWith(BASE_URL) && !/^(data|blob):/.test(url));
  assert.deepEqual(elsewhere, []);
  assert.ok(requested.length > 20, "the pages loaded their own scripts, styles and images");
  await page.close();
});
