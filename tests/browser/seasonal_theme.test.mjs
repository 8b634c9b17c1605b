// A seasonal theme takes over on its start date: the rendered colors change between the day
// before and the start date. The runner lets the server's "today" be chosen with ?today=
// (THEMES_TODAY_PARAM, DEBUG only). The colors expected are the tokens the API gives for
// each day (`theme(at:)`); the seasonal theme is the one active in mid-December.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { graphql, launch, screenshot } from "./browser.mjs";

const THEME = `query($at: DateTime) { theme(at: $at) { slug isSeasonal seasonStart colors { primary background } } }`;

async function themeOn(day) {
  return (await graphql(THEME, { at: `${day}T12:00:00+00:00` })).theme;
}

async function seasonalTheme() {
  const year = new Date().getUTCFullYear();
  for (const candidate of [year - 1, year, year + 1]) {
    const theme = await themeOn(`${candidate}-12-15`);
    if (theme?.isSeasonal) return theme;
  }
  throw new Error("no seasonal theme is active in December: load the demo content with its themes");
}

function rgb(hex) {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

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

test("the seasonal theme changes the rendered colors on its start date", async () => {
  const season = await seasonalTheme();
  const start = season.seasonStart;
  const everyday = await themeOn(dayBefore(start));
  assert.notEqual(everyday.slug, season.slug);
  const page = await browser.context.newPage();
  const before = await renderedColors(page, dayBefore(start));
  await screenshot(page, "theme-day-before-season");
  const on = await renderedColors(page, start);
  await screenshot(page, "theme-season-start");

  assert.ok(before.stylesheets.some((path) => /^\/themes\/.+\.css$/.test(path)), `a theme stylesheet: ${before.stylesheets}`);
  assert.ok(on.stylesheets.some((path) => /^\/themes\/.+\.css$/.test(path)), `a theme stylesheet: ${on.stylesheets}`);
  assert.equal(before.theme, everyday.slug);
  assert.equal(on.theme, season.slug, `the seasonal theme is active on ${start}`);
  assert.equal(before.header, rgb(everyday.colors.primary), "the header is painted in the primary color");
  assert.equal(on.header, rgb(season.colors.primary), "the header is painted in the seasonal primary color");
  assert.equal(before.body, rgb(everyday.colors.background));
  assert.equal(on.body, rgb(season.colors.background));
  assert.notEqual(on.primary, before.primary, "--color-primary changes");
  assert.notEqual(on.header, before.header, "the header is painted in the new primary color");
  assert.ok(on.body !== before.body || on.text !== before.text || on.header !== before.header);
  await page.close();
});
