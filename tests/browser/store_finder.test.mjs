// The store finder with a fixed geolocation lists the nearest stores in distance order and
// shows a product's availability with a pickup estimate.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, graphql, haversineKm, launch, screenshot } from "./browser.mjs";

const MILAN_DUOMO = { latitude: 45.4642, longitude: 9.19 };
const RADIUS_KM = 50;
let browser;

before(async () => {
  browser = await launch({
    geolocation: MILAN_DUOMO,
    permissions: ["geolocation"],
    locale: "en-GB",
  });
});
after(() => browser.close());

// The expected list, from every store's coordinates and open state, distances computed here.
async function expectedStores({ openNow }) {
  const data = await graphql(`{ stores(first: 100, locale: "en") { edges { node { title isOpen location { latitude longitude } } } } }`);
  return data.stores.edges
    .map(({ node }) => ({ ...node, km: haversineKm(MILAN_DUOMO, node.location) }))
    .filter((store) => store.km <= RADIUS_KM && (!openNow || store.isOpen))
    .sort((a, b) => a.km - b.km)
    .slice(0, 10);
}

async function listedStores(page) {
  return page.$$eval("[data-store-results] > li", (items) =>
    items.map((item) => ({ title: item.dataset.store, km: Number(item.dataset.distanceKm) })));
}

async function productWithStockNear(point) {
  const products = await graphql(`{ products(first: 100, locale: "en") { edges { node { sku name } } } }`);
  for (const { node } of products.products.edges) {
    const data = await graphql(
      `query($sku: String!, $near: GeoPointInput!) { product(sku: $sku, locale: "en") {
        availability(near: $near, radiusKm: ${RADIUS_KM}) { band pickupEstimate store { title } } } }`,
      { sku: node.sku, near: point },
    );
    const rows = data.product.availability;
    if (rows.some((row) => row.pickupEstimate)) return { ...node, rows };
  }
  throw new Error("no demo product is in stock near Milan");
}

test("nearest stores to the browser's location, in distance order", async () => {
  const page = await browser.context.newPage();
  await page.goto("/en/find-a-store/");
  await page.getByRole("button", { name: "Use my location" }).click();
  await page.locator("[data-finder-status]").filter({ hasText: /found|No store/ }).waitFor();

  const openNearby = await expectedStores({ openNow: true });
  const listedOpen = await listedStores(page);
  assert.deepEqual(listedOpen.map((store) => store.title), openNearby.map((store) => store.title));
  await screenshot(page, "store-finder-open-now");

  // Closed stores too: the list is never empty near Milan and must follow the same order.
  await page.getByLabel("Open now only").uncheck();
  const allNearby = await expectedStores({ openNow: false });
  await page.waitForFunction((count) => document.querySelectorAll("[data-store-results] > li").length === count, allNearby.length);
  const listed = await listedStores(page);
  assert.ok(listed.length >= 3, "several stores around Milan");
  assert.deepEqual(listed.map((store) => store.title), allNearby.map((store) => store.title));
  listed.forEach((store, index) => assert.ok(Math.abs(store.km - allNearby[index].km) < 0.05, `${store.title}: ${store.km} km`));
  await screenshot(page, "store-finder-nearest");
  await page.close();
});

test("a product's availability and pickup estimate near the shopper", async () => {
  const product = await productWithStockNear(MILAN_DUOMO);
  const page = await browser.context.newPage();
  await page.goto("/en/find-a-store/");
  await page.getByLabel("Product (optional)").locator(`option[value="${product.sku}"]`).waitFor({ state: "attached" });
  await page.getByLabel("Product (optional)").selectOption(product.sku);
  await page.getByRole("button", { name: "Use my location" }).click();
  const rows = page.locator("[data-availability-results] > li");
  await rows.first().waitFor();

  assert.equal(await page.locator("#availability-heading").textContent(), `Availability of ${product.name}`);
  assert.deepEqual(await rows.evaluateAll((items) => items.map((item) => item.dataset.store)), product.rows.map((row) => row.store.title));
  const labels = { IN_STOCK: "In stock", LOW_STOCK: "Low stock", OUT_OF_STOCK: "Out of stock" };
  const first = product.rows[0];
  assert.match(await rows.first().textContent(), new RegExp(labels[first.band]));
  assert.ok(await rows.filter({ hasText: "Click & collect: ready" }).count() >= 1, "a pickup estimate is shown");
  await screenshot(page, "store-finder-availability");
  await page.close();
});

test("a city typed in lists that city's stores first", async () => {
  const page = await browser.context.newPage();
  await page.goto("/en/find-a-store/");
  await page.getByLabel("Open now only").uncheck();
  await page.getByLabel("or a city").fill("Torino");
  await page.getByRole("button", { name: "Find stores" }).click();
  await page.locator("[data-store-results] > li").first().waitFor();
  assert.match(await page.locator("[data-store-results] > li").first().textContent(), /Tor/);
  assert.deepEqual(browser.foreign, [], `requests to other hosts: ${browser.foreign}`);
  await screenshot(page, "store-finder-city");
  await page.close();
});

test("a gift guide shows which gifts are available near the shopper", async () => {
  const page = await browser.context.newPage();
  await page.goto("/en/gift-guides/gifts-for-him-under-50/");
  const cards = page.locator(".product[data-sku]");
  const skus = await cards.evaluateAll((items) => [...new Set(items.map((item) => item.dataset.sku))]);
  await page.getByRole("button", { name: "Show availability near me" }).click();
  await page.locator("[data-near-you-status]").filter({ hasText: /Availability near you|No store/ }).waitFor();

  // Each gift's note names the nearest of the five closest stores that has it, as the API says.
  const data = await graphql(
    `query($near: GeoPointInput!, $skus: [String!]!) { stores(near: $near, radiusKm: ${RADIUS_KM}, first: 5, locale: "en") {
      edges { node { title stock(skus: $skus) { sku band } } } } }`,
    { near: MILAN_DUOMO, skus },
  );
  const nearest = {};
  for (const { node } of data.stores.edges) {
    for (const row of node.stock) if (row.band !== "OUT_OF_STOCK") nearest[row.sku] ??= node.title;
  }
  assert.ok(Object.keys(nearest).length > 0, "some gifts are in stock around Milan");
  for (const sku of skus) {
    const note = await page.locator(`.product[data-sku="${sku}"] [data-availability]`).first().textContent();
    if (nearest[sku]) assert.match(note, new RegExp(`nearby · ${nearest[sku]} \\(`), sku);
    else assert.equal(note, "Not in stock in a store near you", sku);
  }
  await screenshot(page, "gift-guide-available-near-you");
  await page.close();
});
