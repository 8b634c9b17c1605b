// On a phone-sized screen the pages fit the width (no sideways scrolling) and the store
// page shows its status, address card and QR code.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, screenshot } from "./browser.mjs";

let browser;
before(async () => { browser = await launch({ viewport: { width: 375, height: 740 }, isMobile: true }); });
after(() => browser.close());

for (const [name, path] of [
  ["home", "/en/"],
  ["store-finder", "/en/find-a-store/"],
  ["store-page", "/it/negozi/milano-duomo/"],
]) {
  test(`${name} fits a 375 px wide screen`, async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(path);
    assert.equal(response.status(), 200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px`);
    await screenshot(page, `mobile-${name}`);
    await page.close();
  });
}

test("the store page has its status, address card and QR code", async () => {
  const page = await browser.context.newPage();
  await page.goto("/it/negozi/milano-duomo/");
  assert.match(await page.locator(".status").textContent(), /Aperto ora|Chiuso ora/);
  assert.match(await page.locator("address").textContent(), /Milano/);
  const qr = page.locator(".qr img");
  assert.match(await qr.getAttribute("src"), /^\/qr\/store\/\d+\.svg$/);
  await qr.scrollIntoViewIfNeeded(); // loading="lazy"
  await qr.evaluate((img) => img.decode());
  assert.ok(await qr.evaluate((img) => img.naturalWidth > 0), "the QR code image loads from the project");
  await screenshot(page, "mobile-store-page-qr");
  await page.close();
});
