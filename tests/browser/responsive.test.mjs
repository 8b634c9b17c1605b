// Phone-sized screens: every page type fits 320 and 375 px without sideways scrolling (WCAG
// 1.4.10 Reflow), in English and, through each page's language switcher, in Italian; the store
// page shows its status, address card and a QR code of its public address.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BASE_URL, launch, screenshot } from "./browser.mjs";

const PAGES = [
  ["home", "/en/"],
  ["store-index", "/en/stores/"],
  ["store-page", "/en/stores/tokyo-ginza/"],
  ["gift-guide", "/en/gift-guides/gifts-for-him-under-50/"],
  ["story", "/en/stories/from-grove-to-bottle/"],
  ["return-policy", "/en/help-and-returns/italy/"],
  ["store-finder", "/en/find-a-store/?product=BL-CHO-GIA-NOC"],
  ["search", "/en/search/?q=olive"],
];

async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const overflow = document.scrollingElement.scrollWidth - window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((node) => node.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 3)
      .map((node) => `<${node.tagName.toLowerCase()} class="${node.className}">`);
    return { overflow, wide };
  });
}

// The store finder with results listed and the search page with results and suggestions
// shown: what comes from the API must fit too.
async function fillIn(page, name, language) {
  if (name === "store-finder") {
    await page.locator("#finder-product option").nth(1).waitFor({ state: "attached" });
    await page.locator("input[name=openNow]").uncheck();
    await page.locator("#finder-city").fill(language === "it" ? "Milano" : "Milan");
    await page.locator("[data-finder-form] button[type=submit]").click();
    await page.locator("[data-store-results] > li").first().waitFor();
  } else if (name === "search") {
    await page.locator("[data-search-results] > li, [data-search-status]:not([hidden])").first().waitFor();
  }
}

for (const width of [320, 375]) {
  describe(`${width} px wide`, () => {
    let browser;
    before(async () => { browser = await launch({ viewport: { width, height: 740 }, isMobile: true, hasTouch: true }); });
    after(() => browser.close());

    for (const [name, path] of PAGES) {
      test(`${name} fits in English and in Italian`, async () => {
        const page = await browser.context.newPage();
        let url = path;
        for (const language of ["en", "it"]) {
          const response = await page.goto(url);
          assert.equal(response.status(), 200, url);
          assert.equal(await page.getAttribute("html", "lang"), language);
          await fillIn(page, name, language);
          const { overflow, wide } = await sidewaysOverflow(page);
          assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow} px at ${width} px: ${wide.join(", ")}`);
          await screenshot(page, `mobile-${width}-${name}-${language}`);
          // Every page links the same page in the other language; the Italian one is checked next.
          const other = language === "en" ? "it" : "en";
          url = await page.locator(`.languages a[hreflang="${other}"]`).getAttribute("href");
          assert.ok(url.startsWith(`/${other}/`), `${page.url()} links its ${other} version: ${url}`);
        }
        await page.close();
      });
    }

    test("nothing was requested from another host", () => {
      assert.deepEqual(browser.foreign, []);
    });
  });
}

describe("store page on a phone", () => {
  let browser;
  before(async () => { browser = await launch({ viewport: { width: 375, height: 740 }, isMobile: true }); });
  after(() => browser.close());

  test("the store page has its status, address card and a QR code of its public address", async () => {
    const page = await browser.context.newPage();
    await page.goto("/it/negozi/milano-duomo/");
    assert.match(await page.locator(".status").textContent(), /Aperto ora|Chiuso ora/);
    assert.match(await page.locator("address").textContent(), /Milano/);
    const qr = page.locator(".qr img");
    const src = await qr.getAttribute("src");
    assert.match(src, /^\/qr\/store\/\d+\.svg$/);
    await qr.scrollIntoViewIfNeeded(); // loading="lazy"
    await qr.evaluate((img) => img.decode());
    assert.ok(await qr.evaluate((img) => img.naturalWidth > 0), "the QR code image loads from the project");
    // The code encodes the page at the site's own address (the runner's), never localhost.
    const svg = await (await fetch(`${BASE_URL}${src}`)).text();
    const encoded = svg.match(/<title>(.*?)<\/title>/)[1].replaceAll("&amp;", "&");
    assert.equal(encoded, `${BASE_URL}/it/negozi/milano-duomo/?utm_source=milano-duomo&utm_medium=qr&utm_campaign=milano-duomo`);
    await screenshot(page, "mobile-store-page-qr");
    await page.close();
  });
});
