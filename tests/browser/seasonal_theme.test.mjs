// A seasonal theme takes over on its start date: the rendered colors change between the day
// before and the start date. The runner lets the server's "today" be chosen with ?today=
// (THEMES_TODAY_PARAM, DEBUG only). The demo's seasonal theme starts on 1 December;
// SEASONAL_THEME_START=YYYY-MM-DD tests another start date.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launch, screenshot } from "./browser.mjs";

const START = process.env.SEASONAL_THEME_START || `${new Date().getUTCFullYear()}-12-01`;

function dayBefore(isoDate) {
  const day = new Date(`${isoDate}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

let browser;
before(async () => { browser = await launch(); });
after(() => browser.close());

async function renderedColors(page, today) {
  await page.goto(`/en/?today=${today}`);
  return page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return {
      theme: document.body.dataset.theme || "",
      primary: root.getPropertyValue("--color-primary").trim(),
      background: root.getPropertyValue("--color-background").trim(),
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
      header: getComputedStyle(document.querySelector(".site-header")).backgroundColor,
      stylesheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => new URL(link.href).pathname),
    };
  });
}

test(`the seasonal theme changes the colors on ${START}`, async () => {
  const page = await browser.context.newPage();
  const before = await renderedColors(page, dayBefore(START));
  await screenshot(page, "theme-day-before-season");
  const on = await renderedColors(page, START);
  await screenshot(page, "theme-season-start");

  assert.ok(before.stylesheets.some((path) => /^\/themes\/.+\.css$/.test(path)), `a theme stylesheet: ${before.stylesheets}`);
  assert.ok(on.stylesheets.some((path) => /^\/themes\/.+\.css$/.test(path)), `a theme stylesheet: ${on.stylesheets}`);
  assert.notEqual(on.theme, before.theme, "another theme is active on the start date");
  assert.notEqual(on.primary, before.primary, "--color-primary changes");
  assert.notEqual(on.header, before.header, "the header is painted in the new primary color");
  assert.ok(on.body !== before.body || on.text !== before.text || on.header !== before.header);
  await page.close();
});
