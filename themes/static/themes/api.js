// The storefront's pages ask the project's own GraphQL API, like any other frontend.
export const locale = document.documentElement.lang || "en";

export async function graphql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((error) => error.message).join("; "));
  }
  return body.data;
}

// The shopper's position from the browser, as a GeoPointInput.
export function currentPosition() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error("no geolocation"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude }),
      reject,
      { timeout: 10000, maximumAge: 300000 },
    );
  });
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

// Numbers, distances, prices, dates and times in the page's language (<html lang>), by the
// browser's Intl: the same CLDR formats the server writes with (themes/storefront/formats.py).
// A store's times are always written in the store's time zone, never the browser's.
export function formatKm(km) {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "kilometer", maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}

export function formatPrice(amount, currency) {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
}

// "Thu, Dec 3, 10:00 AM" / "gio 3 dic, 09:30" in the store's zone: the day, and the time in
// the language's short style, joined by the language's pattern (base.html "page-formats").
export function formatWhen(isoDate, timeZone) {
  if (!isoDate) return "";
  const moment = new Date(isoDate);
  const date = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone }).format(moment);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(moment);
  return fill(messages("page-formats").dateTime ?? "{date}, {time}", { date, time });
}

// Translated strings the template put in a <script type="application/json" id="...">.
export function messages(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

// A message with a count in the plural form of the page's language: the view sends
// {"one": "{count} store found.", "other": "{count} stores found."}.
export function counted(forms, count, values = {}) {
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return fill(form, { ...values, count: new Intl.NumberFormat(locale).format(count) });
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}
