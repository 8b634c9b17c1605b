// The Italian storefront is Italian throughout: weekday names, offer cards, prices and dates
// in Italian formats, and none of the storefront's English words. The English pages keep
// English formats.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { formatted, graphql, launch, price, screenshot, squash, storeFromApi } from "./browser.mjs";

const CHANNELS = {
  en: { ONLINE: "Online", IN_STORE: "In store", BOTH: "Online and in store" },
  it: { ONLINE: "Online", IN_STORE: "In negozio", BOTH: "Online e in negozio" },
};
const CODE_LABEL = { en: "Code:", it: "Codice:" };
// Words of the English storefront that an Italian page must not show.
const ENGLISH = ["Code:", "In store", "Online and in store", "Opening hours", "Monday", "Sunday", "Open now", "Closed now", "Buy online"];

let browser;
before(async () => { browser = await launch({ timezoneId: "America/Los_Angeles" }); });
after(() => browser.close());

for (const language of ["en", "it"]) {
  test(`a store page's offers and exceptions in ${language === "it" ? "Italian" : "English"}`, async () => {
    const api = await storeFromApi(language === "it" ? "/negozi/tokyo-ginza/" : "/stores/tokyo-ginza/", language);
    assert.ok(api.offers.length, "the Tokyo Ginza store has offers");
    const page = await browser.context.newPage();
    await page.goto(api.url);

    for (const offer of api.offers) {
      const card = page.locator(".offer", { has: page.locator("h3", { hasText: offer.title }) });
      const text = squash(await card.textContent());
      if (offer.code) assert.ok(text.includes(`${CODE_LABEL[language]} ${offer.code}`), text);
      assert.ok(text.includes(CHANNELS[language][offer.channel]), `${offer.channel} in "${text}"`);
      // Validity in the store's own calendar: an offer starting at midnight in Rome starts on
      // the 1st in Tokyo too, not on the 30th (UTC). Its last day is the one before validTo
      // when that is midnight (validTo itself is excluded).
      assert.ok(text.includes(formatted("date", offer.validFrom, language, api.timeZone)), text);
      if (offer.validTo) assert.ok(text.includes(formatted("date", Date.parse(offer.validTo) - 1, language, api.timeZone)), text);
    }
    const exceptions = squash(await page.locator(".hours-exceptions").textContent());
    for (const exception of api.hoursExceptions) {
      assert.ok(exceptions.includes(`${formatted("date", `${exception.date}T12:00:00Z`, language)} — ${exception.label}`), exceptions);
    }
    if (language === "it") {
      const body = await page.locator("main").textContent();
      for (const word of ENGLISH) assert.ok(!body.includes(word), `"${word}" on ${api.url}`);
    }
    await screenshot(page, `store-page-offers-${language}`);
    await page.close();
  });

  test(`a gift guide's prices and budget in ${language === "it" ? "Italian" : "English"}`, async () => {
    const path = language === "it" ? "/it/idee-regalo/regali-per-lui-sotto-50/" : "/en/gift-guides/gifts-for-him-under-50/";
    const page = await browser.context.newPage();
    assert.equal((await page.goto(path)).status(), 200);
    const cards = await page.locator(".product[data-sku]").evaluateAll((items) =>
      items.map((item) => ({ sku: item.dataset.sku, price: item.querySelector(".price").textContent })));
    assert.ok(cards.length >= 3);
    for (const card of cards) {
      const { product } = await graphql(`query($sku: String!) { product(sku: $sku) { price { amount currency } } }`, { sku: card.sku });
      assert.equal(squash(card.price), price(product.price.amount, product.price.currency, language), card.sku);
    }
    const budget = squash(await page.locator(".budget").textContent());
    const fifty = squash(new Intl.NumberFormat(language, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(50));
    assert.ok(budget.includes(fifty), budget);
    await screenshot(page, `gift-guide-prices-${language}`);
    await page.close();
  });
}

test("a return policy's effective date and a guide's recipient in Italian", async () => {
  const page = await browser.context.newPage();
  await page.goto("/en/help-and-returns/italy/");
  await page.locator('.languages a[hreflang="it"]').click();
  await page.waitForURL(/\/it\//);
  const { page: policy } = await graphql(`{ page(path: "/help-and-returns/italy/", locale: "en") { ... on ReturnPolicyPage { effectiveDate } } }`);
  const meta = squash(await page.locator(".meta").textContent());
  assert.ok(meta.includes(`in vigore dal ${formatted("longDate", `${policy.effectiveDate}T12:00:00Z`, "it")}`), meta);
  await page.goto("/it/idee-regalo/regali-per-lui-sotto-50/");
  const badges = await page.locator(".badge").allTextContents();
  assert.ok(badges.some((badge) => /\blui\b/i.test(badge)) && !badges.includes("Him"), `recipient in Italian: ${badges}`);
  await page.close();
});

test("nothing was requested from another host", () => {
  assert.deepEqual(browser.foreign, []);
});
