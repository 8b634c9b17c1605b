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

// One browser per test file, with a fresh profile that is removed afterwards.
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "storefront-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
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

export async function screenshot(page, name) {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
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
