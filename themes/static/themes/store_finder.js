// Store finder: the shopper's location (browser or a city typed in) → nearest stores,
// and for a chosen product its availability and pickup estimate, from /graphql.
import { currentPosition, element, fill, formatKm, formatWhen, graphql, locale, messages } from "./api.js";

const text = messages("finder-messages");
const form = document.querySelector("[data-finder-form]");
const status = document.querySelector("[data-finder-status]");
const storeList = document.querySelector("[data-store-results]");
const availabilityList = document.querySelector("[data-availability-results]");
const availabilitySection = document.querySelector("[data-availability]");
const productSelect = form.elements.product;

const STORES = `query NearestStores($near: GeoPointInput!, $radiusKm: Float, $openNow: Boolean, $locale: String) {
  stores(near: $near, radiusKm: $radiusKm, openNow: $openNow, first: 10, locale: $locale) {
    edges { distanceKm node { id title url timeZone isOpen nextOpening
      address { street city } services { code name } } }
  }
}`;
const AVAILABILITY = `query Availability($sku: String!, $near: GeoPointInput!, $radiusKm: Float, $locale: String) {
  product(sku: $sku, locale: $locale) {
    name
    availability(near: $near, radiusKm: $radiusKm, first: 10) {
      distanceKm band quantity clickAndCollect pickupEstimate
      store { title url timeZone }
    }
  }
}`;
const CITY = `query StoreInCity($city: String!, $locale: String) {
  stores(city: $city, first: 1, locale: $locale) { edges { node { location { latitude longitude } } } }
}`;
const PRODUCTS = `query Products($locale: String) {
  products(first: 100, locale: $locale) { edges { node { sku name } } }
}`;

let position = null;

function say(message) {
  status.textContent = message;
  status.hidden = !message;
}

async function loadProducts() {
  const data = await graphql(PRODUCTS, { locale });
  for (const { node } of data.products.edges) {
    productSelect.append(element("option", { value: node.sku }, node.name));
  }
  // Search results link products here with ?product=<sku>.
  const wanted = new URLSearchParams(location.search).get("product");
  if (wanted) productSelect.value = wanted;
}

async function cityPosition(city) {
  const data = await graphql(CITY, { city, locale });
  const found = data.stores.edges[0];
  return found ? found.node.location : null;
}

function storeItem(store) {
  const opening = store.isOpen ? text.open : fill(text.closed, { when: formatWhen(store.nextOpening, store.timeZone) });
  return element(
    "li",
    { "data-store": store.title, "data-distance-km": store.distanceKm },
    element("h3", {}, element("a", { href: store.url }, store.title)),
    element("p", {}, element("span", { class: "distance" }, formatKm(store.distanceKm)), ` · ${store.address.street}, ${store.address.city}`),
    element("p", { class: store.isOpen ? "status status--open" : "status status--closed" }, opening),
    element("p", { class: "meta" }, store.services.map((service) => service.name).join(" · ")),
  );
}

const BANDS = { IN_STOCK: "inStock", LOW_STOCK: "lowStock", OUT_OF_STOCK: "outOfStock" };

function availabilityItem(row) {
  const pickup = row.pickupEstimate
    ? fill(text.pickup, { when: formatWhen(row.pickupEstimate, row.store.timeZone) })
    : text.noPickup;
  return element(
    "li",
    { "data-store": row.store.title, "data-band": row.band },
    element("h3", {}, element("a", { href: row.store.url }, row.store.title)),
    element("p", {}, element("span", { class: "distance" }, formatKm(row.distanceKm)), " · ",
      element("strong", {}, text[BANDS[row.band]])),
    element("p", {}, pickup),
  );
}

async function showStores() {
  const radiusKm = Number(form.elements.radius.value);
  const openNow = form.elements.openNow.checked;
  const data = await graphql(STORES, { near: position, radiusKm, openNow: openNow || null, locale });
  const stores = data.stores.edges.map((edge) => ({ ...edge.node, distanceKm: edge.distanceKm }));
  storeList.replaceChildren(...stores.map(storeItem));
  say(stores.length ? fill(text.found, { count: stores.length }) : text.noStores);
}

async function showAvailability() {
  const sku = productSelect.value;
  availabilitySection.hidden = !sku;
  if (!sku) return;
  const radiusKm = Number(form.elements.radius.value);
  const data = await graphql(AVAILABILITY, { sku, near: position, radiusKm, locale });
  const rows = data.product ? data.product.availability : [];
  availabilitySection.querySelector("h2").textContent = fill(text.availabilityOf, { product: data.product?.name ?? sku });
  availabilityList.replaceChildren(...rows.map(availabilityItem));
  if (!rows.length) availabilityList.append(element("li", {}, text.notNearby));
}

async function search() {
  if (!position) return;
  try {
    await Promise.all([showStores(), showAvailability()]);
  } catch (error) {
    say(fill(text.failed, { error: error.message }));
  }
}

document.querySelector("[data-use-location]").addEventListener("click", async () => {
  say(text.locating);
  try {
    position = await currentPosition();
  } catch {
    say(text.noLocation);
    return;
  }
  form.dataset.located = "browser";
  await search();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const city = form.elements.city.value.trim();
  if (city) {
    position = await cityPosition(city);
    if (!position) {
      storeList.replaceChildren();
      say(fill(text.unknownCity, { city }));
      return;
    }
    form.dataset.located = "city";
  }
  await search();
});

for (const name of ["product", "radius", "openNow"]) {
  form.elements[name].addEventListener("change", search);
}

loadProducts().catch((error) => say(fill(text.failed, { error: error.message })));
