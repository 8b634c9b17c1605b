// The store finder's city search, in English and in Italian: a city's name in either language
// centres the search on the city (not on one of its stores) and lists the stores by their
// distance from it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { graphql, haversineKm, launch, screenshot, squash } from "./browser.mjs";

// City centres, from the cities' usual reference points (cathedral square, town hall, main station).
const CITIES = [
  { en: "Milan", it: "Milano", typed: ["Milan", "Milano", "milano"], centre: { latitude: 45.4642, longitude: 9.19 } },
  { en: "Turin", it: "Torino", typed: ["Turin", "Torino"], centre: { latitude: 45.0703, longitude: 7.6869 } },
  { en: "Munich", it: "Monaco di Baviera", typed: ["Munich", "München", "Munchen", "Monaco di Baviera"], centre: { latitude: 48.1374, longitude: 11.5755 } },
  { en: "Rome", it: "Roma", typed: ["Rome", "Roma"], centre: { latitude: 41.8933, longitude: 12.4829 } },
  { en: "London", it: "Londra", typed: ["London", "Londra"], centre: { latitude: 51.5074, longitude: -0.1278 } },
  { en: "Paris", it: "Parigi", typed: ["Paris", "Parigi"], centre: { latitude: 48.8566, longitude: 2.3522 } },
  { en: "New York", it: "New York", typed: ["New York"], centre: { latitude: 40.7128, longitude: -74.006 } },
  { en: "Tokyo", it: "Tokyo", typed: ["Tokyo", "東京"], centre: { latitude: 35.6812, longitude: 139.7671 } },
];
const TEXT = {
  en: { page: "/en/find-a-store/", openOnly: "Open now only", city: "or a city", find: "Find stores", near: (city) => `near ${city}` },
  it: { page: "/it/find-a-store/", openOnly: "Solo negozi aperti ora", city: "oppure una città", find: "Cerca negozi", near: (city) => `vicino a ${city}` },
};

let browser;
const locations = {};
before(async () => {
  browser = await launch();
  for (const language of ["en", "it"]) {
    const data = await graphql(`query($locale: String) { stores(first: 100, locale: $locale) { edges { node { title location { latitude longitude } } } } }`, { locale: language });
    locations[language] = Object.fromEntries(data.stores.edges.map(({ node }) => [node.title, node.location]));
  }
});
after(() => browser.close());

async function searchCity(page, language, name) {
  const text = TEXT[language];
  await page.goto(text.page);
  await page.getByLabel(text.openOnly).uncheck();
  await page.getByLabel(text.city).fill(name);
  await page.getByRole("button", { name: text.find }).click();
  await page.locator("[data-finder-status]:not([hidden])").waitFor();
  return squash(await page.locator("[data-finder-status]").textContent());
}

for (const language of ["en", "it"]) {
  for (const city of CITIES) {
    test(`${language}: ${city.typed.join(", ")} centre on ${city.en}`, async () => {
      const page = await browser.context.newPage();
      for (const name of city.typed) {
        const status = await searchCity(page, language, name);
        assert.ok(status.includes(TEXT[language].near(city[language])), `${name}: "${status}"`);
        const listed = await page.locator("[data-store-results] > li").evaluateAll((items) =>
          items.map((item) => ({ title: item.dataset.store, km: Number(item.dataset.distanceKm) })));
        assert.ok(listed.length >= 1, `${name}: stores listed`);
        // Each distance is the distance from the city's centre (not from one of its stores),
        // and the nearest comes first.
        for (const store of listed) {
          const expected = haversineKm(city.centre, locations[language][store.title]);
          assert.ok(Math.abs(store.km - expected) < 0.15, `${name}: ${store.title} at ${store.km} km, ${expected.toFixed(2)} km from the centre`);
        }
        assert.deepEqual(listed.map((store) => store.km), [...listed.map((store) => store.km)].sort((a, b) => a - b));
      }
      await screenshot(page, `city-search-${language}-${city.en.toLowerCase().replace(" ", "-")}`);
      await page.close();
    });
  }

  test(`${language}: a city we do not know is named in the answer, with no stores`, async () => {
    const page = await browser.context.newPage();
    const status = await searchCity(page, language, "Atlantis");
    assert.ok(status.includes("Atlantis"), status);
    assert.equal(await page.locator("[data-store-results] > li").count(), 0);
    await page.close();
  });
}

test("nothing was requested from another host", () => {
  assert.deepEqual(browser.foreign, []);
});
