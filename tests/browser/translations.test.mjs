// A gift guide, a product story and a return policy render in English and in Italian:
// the page's lang attribute, its translated title and the storefront's own words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, screenshot } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(() => browser.close());

const PAGES = [
  {
    name: "gift-guide",
    en: { url: "/en/gift-guides/gifts-for-him-under-50/", title: "Gifts for him under 50 EUR", chrome: "Show availability near me" },
    it: { title: "Regali per lui sotto i 50 EUR", chrome: "Mostra la disponibilità vicino a me" },
  },
  {
    name: "story",
    en: { url: "/en/stories/from-grove-to-bottle/", title: "From grove to bottle: our Taggiasca olive oil", chrome: "In this story" },
    it: { title: "Dall'uliveto alla bottiglia: il nostro olio taggiasco", chrome: "In questa storia" },
  },
  {
    name: "return-policy",
    en: { url: "/en/help-and-returns/italy/", title: "Returns in Italy", chrome: "Return windows" },
    it: { title: "Resi in Italia", chrome: "Tempi per il reso" },
  },
];

for (const { name, en, it } of PAGES) {
  test(`${name} in English and Italian`, async () => {
    const page = await browser.context.newPage();
    await page.goto(en.url);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.locator("h1").textContent(), en.title);
    assert.ok(await page.getByText(en.chrome, { exact: true }).count(), `"${en.chrome}" on ${en.url}`);
    await screenshot(page, `${name}-en`);

    // The language switcher leads to the Italian translation of the same page.
    await page.locator('.languages a[hreflang="it"]').click();
    await page.waitForURL(/\/it\//);
    assert.equal(await page.getAttribute("html", "lang"), "it");
    assert.equal(await page.locator("h1").textContent(), it.title);
    assert.ok(await page.getByText(it.chrome, { exact: true }).count(), `"${it.chrome}" on ${page.url()}`);
    await screenshot(page, `${name}-it`);
    await page.close();
  });
}

test("nothing was requested from another host", () => {
  assert.deepEqual(browser.foreign, []);
});
