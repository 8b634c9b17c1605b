// Wagtail's preview panel offers the "Site" mode (the draft in the storefront's templates,
// with the theme) and the "Frontend" mode (an external frontend with a preview token).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, logIn, screenshot, skipWithoutEditors } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(() => browser.close());

test("an editor previews a draft in the storefront templates and may switch to the frontend", async (t) => {
  if (skipWithoutEditors(t)) return;
  const page = await browser.context.newPage();
  await logIn(page, "editor");

  // The page to preview: a gift guide, found through its public URL.
  await page.goto("/admin/pages/search/?q=Gifts+for+him");
  await page.getByRole("link", { name: "Gifts for him under 50 EUR", exact: true }).first().click();
  await page.waitForURL(/\/admin\/pages\/\d+\/edit\//);
  await page.locator("#id_title").fill("Gifts for him (draft)");
  await page.getByRole("button", { name: "Toggle preview" }).click();

  const modes = page.locator("#id_preview_mode");
  await modes.first().waitFor();
  const options = await modes.first().locator("option").allTextContents();
  assert.deepEqual(options.map((option) => option.trim()), ["Site", "Frontend"]);

  const preview = page.frameLocator("iframe[title]").first();
  await preview.locator("h1", { hasText: "Gifts for him (draft)" }).waitFor({ timeout: 15000 });
  const themed = await preview.locator("body").getAttribute("data-theme");
  assert.ok(themed, "the draft renders with the site's theme");
  await screenshot(page, "preview-site-mode");

  await modes.first().selectOption("headless");
  await preview.locator("h1", { hasText: "Frontend preview" }).waitFor({ timeout: 15000 });
  await screenshot(page, "preview-frontend-mode");
  await page.close();
});
