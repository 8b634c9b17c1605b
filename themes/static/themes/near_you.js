// Gift guide: "available near you" — after the shopper shares a location, each product card
// says whether a store nearby has it, from /graphql.
import { currentPosition, fill, formatKm, graphql, locale, messages } from "./api.js";

const panel = document.querySelector("[data-near-you]");
const status = panel.querySelector("[data-near-you-status]");
const labels = messages("near-you-labels");
const cards = [...document.querySelectorAll(".product[data-sku]")];

const NEARBY_STOCK = `query NearbyStock($near: GeoPointInput!, $skus: [String!]!, $locale: String) {
  stores(near: $near, radiusKm: 50, first: 5, locale: $locale) {
    edges { distanceKm node { title stock(skus: $skus) { sku band } } }
  }
}`;

function say(message) {
  status.textContent = message;
  status.hidden = false;
}

// The nearest store that has each SKU, and how far it is.
function nearestWithStock(stores) {
  const found = {};
  for (const store of stores) {
    for (const row of store.stock) {
      if (row.band !== "OUT_OF_STOCK" && !found[row.sku]) found[row.sku] = { store, band: row.band };
    }
  }
  return found;
}

panel.querySelector("[data-near-you-button]").addEventListener("click", async () => {
  let near;
  try {
    near = await currentPosition();
  } catch {
    say(labels.noLocation);
    return;
  }
  const skus = [...new Set(cards.map((card) => card.dataset.sku))];
  const data = await graphql(NEARBY_STOCK, { near, skus, locale });
  const stores = data.stores.edges.map((edge) => ({ ...edge.node, distanceKm: edge.distanceKm }));
  const found = nearestWithStock(stores);
  for (const card of cards) {
    const hit = found[card.dataset.sku];
    card.querySelector("[data-availability]").textContent = hit
      ? fill(labels.nearest, { band: labels[hit.band], store: hit.store.title, distance: formatKm(hit.store.distanceKm) })
      : labels.none;
  }
  say(stores.length ? labels.done : labels.noStores);
});
