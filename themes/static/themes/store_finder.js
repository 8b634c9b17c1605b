// Store finder: the shopper's location (browser or a city typed in) → nearest stores,
// and for a chosen product its availability and pickup estimate, from /graphql.
import { counted, currentPosition, element, fill, formatKm, formatWhen, graphql, locale, messages } from "./api.js";

const text = messages("finder-messages");
// The cities the finder knows by name, with their centres (cms/stores/cities.py).
const cities = messages("finder-cities");
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
const STORES_IN_CITY = `query StoresInCity($city: String!, $locale: String) {
  stores(city: $city, first: 50, locale: $locale) { edges { node { location { latitude longitude } } } }
}`;
const PRODUCTS = `query Products($locale: String) {
  products(first: 100, locale: $locale) { edges { node { sku name } } }
}`;

let position = null;
let place = null; // the city searched around, by its name in the page's language

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

// As cms/stores/cities.py `normalized`: no accents, lower case, ß as ss, single spaces.
function normalized(name) {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replaceAll("ß", "ss").split(/\s+/).filter(Boolean).join(" ");
}

// A city's centre and name: from the table of cities, else (a city the table does not know)
// the middle of the stores whose address is in that city; null when there is none.
async function findCity(name) {
  const key = normalized(name);
  const city = cities.find((row) => row.names.includes(key));
  if (city) return { name: city.name, position: { latitude: city.latitude, longitude: city.longitude } };
  const data = await graphql(STORES_IN_CITY, { city: name, locale });
  const points = data.stores.edges.map((edge) => edge.node.location);
  if (!points.length) return null;
  const mean = (field) => points.reduce((sum, point) => sum + point[field], 0) / points.length;
  return { name, position: { latitude: mean("latitude"), longitude: mean("longitude") } };
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
  if (!stores.length) say(text.noStores);
  else say(place ? counted(text.foundNear, stores.length, { city: place }) : counted(text.found, stores.length));
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
  place = null;
  form.dataset.located = "browser";
  await search();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const city = form.elements.city.value.trim();
  if (city) {
    let found;
    try {
      found = await findCity(city);
    } catch (error) {
      say(fill(text.failed, { error: error.message }));
      return;
    }
    if (!found) {
      position = place = null;
      storeList.replaceChildren();
      say(fill(text.unknownCity, { city }));
      return;
    }
    ({ position, name: place } = found);
    form.dataset.located = "city";
  }
  await search();
});

for (const name of ["product", "radius", "openNow"]) {
  form.elements[name].addEventListener("change", search);
}

loadProducts().catch((error) => say(fill(text.failed, { error: error.message })));
