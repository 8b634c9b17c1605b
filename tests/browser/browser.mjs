// Shared set-up of the browser tests: Debian's chromium driven by playwright-core (which
// never downloads a browser), the demo site at BASE_URL, screenshots in ./screenshots.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.BASE_URL || "http://127.0.0.1:8765";
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

// One browser per test file, with a fresh profile that is removed afterwards; `args` are
// added to the browser's own (e.g. --lang=it-IT for a browser in Italian).
export async function launch({ args = [], ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "storefront-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", ...args,
    ],
    viewport: { width: 1280, height: 900 },
    baseURL: BASE_URL,
    ...options,
  });
  // Nothing may come from another host: fail any request that leaves the test server.
  const foreign = [];
  await context.route((url) => !url.href.startsWith(BASE_URL), (route) => {
    foreign.push(route.request().url());
    return route.abort();
  });
  return {
    context,
    foreign,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Logs an editor in through the admin's form, finding its fields by name (the labels are in
// the browser's language); scripts/browser.sh creates the editors with this password.
export const ADMIN_PASSWORD = process.env.BROWSER_TEST_ADMIN_PASSWORD;

// Admin tests need the editors the runner creates: skips `t` (returns true) without them.
export function skipWithoutEditors(t) {
  if (ADMIN_PASSWORD) return false;
  t.skip("BROWSER_TEST_ADMIN_PASSWORD is not set (scripts/browser.sh test creates the editors)");
  return true;
}

export async function logIn(page, username) {
  await page.goto("/admin/login/");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/admin\/$/);
}

// Sets the logged-in editor's admin language (Account → Profile), then opens the dashboard.
export async function chooseAdminLanguage(page, language) {
  await page.goto("/admin/account/");
  await page.locator('select[name="locale-preferred_language"]').selectOption(language);
  await page.locator('main form button[type="submit"]').first().click();
  await page.waitForLoadState("networkidle");
  await page.goto("/admin/");
}

// Shows the tab of an edit form that holds `selector` (tab ids come from their translated
// headings, so tabs are found by what they contain).
export async function showTabOf(page, selector) {
  const panel = await page.locator(`[role="tabpanel"]:has(${selector})`).getAttribute("id");
  await page.locator(`a[role="tab"][href="#${panel}"]`).click();
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

export async function graphql(query, variables = {}) {
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

// Great-circle distance in km, computed here independently of the server's locator.
export function haversineKm(a, b) {
  const radians = (degrees) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

// Text with every run of white space (non-breaking and narrow ones included) as one space.
export function squash(text) {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

// How the storefront writes dates, times and prices: CLDR's formats for the page's language
// (the server formats with Babel, the pages' scripts with Intl; both read CLDR). Computed here
// with node's own Intl, apart from both.
const FORMATS = {
  time: { timeStyle: "short" },
  day: { weekday: "short", day: "numeric", month: "short" },
  date: { dateStyle: "medium" },
  longDate: { dateStyle: "long" },
  weekday: { weekday: "long" },
};

export function formatted(kind, value, language, timeZone = "UTC") {
  if (kind === "dayAndTime") { // CLDR's medium date-time pattern, "{1}, {0}" in English and Italian
    return `${formatted("day", value, language, timeZone)}, ${formatted("time", value, language, timeZone)}`;
  }
  return squash(new Intl.DateTimeFormat(language, { ...FORMATS[kind], timeZone }).format(new Date(value)));
}

// An opening interval of wall-clock times ("10:00:00", "20:00:00") as the storefront shows it.
export function timeRange(opens, closes, language) {
  const range = new Intl.DateTimeFormat(language, { ...FORMATS.time, timeZone: "UTC" });
  return squash(range.formatRange(new Date(`1970-01-05T${opens}Z`), new Date(`1970-01-05T${closes}Z`)));
}

// A wall-clock time of the API ("10:00:00") as the storefront shows it.
export function wallClock(time, language) {
  return formatted("time", `1970-01-05T${time}Z`, language);
}

export function price(amount, currency, language) {
  return squash(new Intl.NumberFormat(language, { style: "currency", currency }).format(Number(amount)));
}

const STORE = `query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  title url ... on StorePage { timeZone isOpen nextOpening nextClosing location { latitude longitude }
    openingHours { weekday opens closes closesNextDay }
    hoursExceptions { date label closed opens closes }
    offers { title code channel validFrom validTo } } } }`;

// A store page as the API gives it, in one language.
export async function storeFromApi(path, locale) {
  return (await graphql(STORE, { path, locale })).page;
}
