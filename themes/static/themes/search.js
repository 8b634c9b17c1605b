// Search page: results with facets, and suggestions as the shopper types, from /graphql
// (`search` and `suggest`, provided by the search app).
import { counted, element, fill, formatPrice, graphql, locale, messages } from "./api.js";

const text = messages("search-messages");
const form = document.querySelector("[data-search-form]");
const input = form.elements.q;
const status = document.querySelector("[data-search-status]");
const resultList = document.querySelector("[data-search-results]");
const facetPanel = document.querySelector("[data-facets]");
const suggestionList = document.querySelector("[data-suggestions]");
const suggestionSection = document.querySelector("[data-suggestions-section]");

// Facet name → the SearchFilterInput field that filters by it.
const FILTERS = {
  page_type: "pageTypes", category: "categories", brand: "brands",
  price_band: "priceBands", services: "services", city: "cities",
};
const SEARCH = `query Search($query: String, $locale: String, $filters: SearchFilterInput) {
  search(query: $query, locale: $locale, filters: $filters, first: 20) {
    totalCount
    facets { name values { value count label } }
    edges {
      highlights { field fragments }
      node {
        __typename
        ... on Page { title url }
        ... on StorePage { address { city } }
        ... on Product { sku name brand price { amount currency } }
      }
    }
  }
}`;
const SUGGEST = `query Suggest($prefix: String!, $locale: String) {
  suggest(prefix: $prefix, locale: $locale, first: 6) { suggestions { text type } }
}`;

const chosen = {}; // filter field → Set of values

function say(message) {
  status.textContent = message;
  status.hidden = !message;
}

function resultItem(edge) {
  const node = edge.node;
  const isProduct = node.__typename === "Product";
  const href = isProduct ? `/${locale}/find-a-store/?product=${encodeURIComponent(node.sku)}` : node.url;
  const item = element("li", { "data-type": node.__typename },
    element("h3", {}, element("a", { href }, isProduct ? node.name : node.title)));
  if (isProduct) {
    const price = formatPrice(node.price.amount, node.price.currency);
    item.append(element("p", { class: "meta" }, node.brand ? `${node.brand} · ${price}` : price));
  } else if (node.address) {
    item.append(element("p", { class: "meta" }, node.address.city));
  }
  const fragment = edge.highlights.flatMap((highlight) => highlight.fragments)[0];
  if (fragment) {
    const snippet = element("p");
    snippet.innerHTML = fragment; // the API escapes everything but <mark>
    item.append(snippet);
  }
  return item;
}

function facetGroup(facet) {
  const field = FILTERS[facet.name];
  if (!field || !facet.values.length) return null;
  const name = text.facets[facet.name] ?? facet.name;
  const group = element("fieldset", {}, element("legend", { class: "visually-hidden" }, name));
  for (const value of facet.values) {
    const box = element("input", { type: "checkbox", name: field, value: value.value });
    box.checked = chosen[field]?.has(value.value) ?? false;
    box.addEventListener("change", () => {
      chosen[field] ??= new Set();
      box.checked ? chosen[field].add(value.value) : chosen[field].delete(value.value);
      runSearch();
    });
    const count = new Intl.NumberFormat(locale).format(value.count);
    group.append(element("label", {}, box, ` ${value.label || value.value} (${count})`));
  }
  // Folded unless one of its values is chosen: the results stay a few Tab presses away
  // however many values the facets have.
  const open = (chosen[field]?.size ?? 0) > 0;
  return element("details", { open: open ? "" : null }, element("summary", {}, name), group);
}

function filters() {
  const result = {};
  for (const [field, values] of Object.entries(chosen)) if (values.size) result[field] = [...values];
  return result;
}

async function runSearch() {
  const query = input.value.trim();
  try {
    const data = await graphql(SEARCH, { query: query || null, locale, filters: filters() });
    const results = data.search;
    resultList.replaceChildren(...results.edges.map(resultItem));
    facetPanel.replaceChildren(...results.facets.map(facetGroup).filter(Boolean));
    say(results.totalCount ? counted(text.results, results.totalCount) : fill(text.noResults, { query }));
  } catch (error) {
    say(/Cannot query field "search"/.test(error.message) ? text.unavailable : fill(text.failed, { error: error.message }));
  }
}

async function runSuggest() {
  const prefix = input.value.trim();
  if (prefix.length < 2) {
    suggestionSection.hidden = true;
    return;
  }
  try {
    const data = await graphql(SUGGEST, { prefix, locale });
    const items = data.suggest.suggestions.map((suggestion) => {
      const button = element("button", { type: "button", class: "badge" }, suggestion.text);
      button.addEventListener("click", () => {
        input.value = suggestion.text;
        runSearch();
        input.focus();
      });
      return element("li", {}, button);
    });
    suggestionList.replaceChildren(...items);
    suggestionSection.hidden = !items.length;
  } catch {
    suggestionSection.hidden = true;
  }
}

let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    runSuggest();
    runSearch();
  }, 250);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value.trim())}`);
  runSearch();
});
if (input.value) runSearch();
