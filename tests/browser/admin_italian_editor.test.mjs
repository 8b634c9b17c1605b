// A whole editor journey in Chromium with the admin in Italian: the editor sets Italian as
// the admin language (Account → preferences), creates a store with evening hours past
// midnight and a holiday, chooses its services in the chooser modal, publishes it,
// translates it into Italian (the translation links the Italian services), publishes the
// translation, and finds it through the API and on the Italian storefront in local times.
// Fields are found by name and id, never by label: the project's own labels get translated.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseAdminLanguage, graphql, launch, logIn, screenshot, showTabOf, skipWithoutEditors } from "./browser.mjs";

const SLUG = "milano-navigli-sera";
const HOLIDAY = `${new Date().getFullYear() + 1}-01-06`;
const WEEKDAYS = [0, 1, 2, 3, 4];

let browser;
// An Italian editor's browser: Italian pages first, times written 24-hour ("22:45").
before(async () => {
  browser = await launch({ locale: "it-IT", args: ["--lang=it-IT"], viewport: { width: 1280, height: 1000 } });
});
after(() => browser.close());

async function publish(page) {
  // Autosave saves a new page a moment after its form becomes valid, and the address becomes
  // the page's edit view; publishing before that would post a second page. Later changes are
  // autosaved in turn (a debounced save after the last one): let them finish, then publish.
  if (new URL(page.url()).pathname.includes("/add/")) await page.waitForURL(/\/edit\/$/, { timeout: 15000 });
  await page.waitForTimeout(2000);
  await page.waitForLoadState("networkidle");
  await page.locator("footer .w-dropdown-button .w-dropdown__toggle").click();
  await page.locator('footer button[name="action-publish"]').click();
  await page.waitForURL((url) => !/\/(add|edit)\//.test(url.pathname));
}

async function chipTitles(page) {
  await showTabOf(page, "#id_services");
  return page.locator("#id_services-multiple-chooser [data-multiple-chooser-title]").allTextContents();
}

test("an editor working in Italian creates, translates and publishes a store", async (t) => {
  if (skipWithoutEditors(t)) return;
  const page = await browser.context.newPage();
  await logIn(page, "redattrice");

  // The admin in Italian: the editor's own language preference.
  await chooseAdminLanguage(page, "it");
  assert.equal(await page.locator("html").getAttribute("lang"), "it");

  // A new store below the English store index.
  const { stores } = await graphql('{ stores(first: 1, locale: "en") { edges { node { parent { id } } } } }');
  await page.goto(`/admin/pages/add/stores/storepage/${stores.edges[0].node.parent.id}/`);
  await page.locator("#id_title").fill("Milano Navigli Sera");
  await showTabOf(page, "#id_slug");
  await page.locator("#id_slug").fill(SLUG);
  await showTabOf(page, "#id_city");
  await page.locator("#id_street_address").fill("Alzaia Naviglio Grande 4");
  await page.locator("#id_postal_code").fill("20144");
  await page.locator("#id_city").fill("Milano");
  await page.locator("#id_country").selectOption("IT");
  await page.locator("#id_latitude").fill("45.452100");
  await page.locator("#id_longitude").fill("9.176500");

  await showTabOf(page, "#id_time_zone");
  await page.locator("#id_time_zone").fill("Europe/Rome");
  const rows = [...WEEKDAYS.map((day) => [day, "10:30", "19:45", false]), [5, "18:00", "02:00", true]];
  for (const [index, [weekday, opens, closes, nextDay]] of rows.entries()) {
    await page.locator("#id_opening_hours-ADD").click();
    await page.locator(`#id_opening_hours-${index}-weekday`).selectOption(String(weekday));
    await page.locator(`#id_opening_hours-${index}-opens`).fill(opens);
    await page.locator(`#id_opening_hours-${index}-closes`).fill(closes);
    if (nextDay) await page.locator(`#id_opening_hours-${index}-closes_next_day`).check();
  }
  await page.locator("#id_hours_exceptions-ADD").click();
  await page.locator("#id_hours_exceptions-0-date").fill(HOLIDAY);
  await page.keyboard.press("Escape");
  await page.locator("#id_hours_exceptions-0-label").fill("Epifania");
  await page.locator("#id_hours_exceptions-0-closed").check();

  // The week on one screen, at desktop width with the preview panel open: nothing clipped.
  await page.locator('[data-side-panel-toggle="preview"]').click();
  await page.locator("#id_opening_hours-5-closes").scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await screenshot(page, "admin-store-hours-side-panel", { fullPage: false });
  const form = await page.locator('[role="tabpanel"]:has(#id_time_zone)').boundingBox();
  for (const field of ["opens", "closes", "closes_next_day"]) {
    const box = await page.locator(`#id_opening_hours-5-${field}`).boundingBox();
    assert.ok(box.x + box.width <= form.x + form.width + 1, `${field} is not clipped by the side panel`);
  }
  const monday = await page.locator("#id_opening_hours-0-opens").boundingBox();
  const saturday = await page.locator("#id_opening_hours-5-opens").boundingBox();
  assert.ok(saturday.y - monday.y < 6 * 80, "six rows of hours take less than 480 px");
  await page.locator('[data-side-panel-toggle="preview"]').click();

  // Services from the chooser modal, which opens on the store's language (English).
  await showTabOf(page, "#id_services");
  await page.locator("#id_services").click();
  const modal = page.locator(".modal");
  await modal.locator("input[data-multiple-choice-select]").first().waitFor();
  assert.equal(await modal.locator('select[name="locale"]').inputValue(), "en");
  await modal.locator("tr", { hasText: "Click & collect" }).locator("input[data-multiple-choice-select]").check();
  await modal.locator("tr", { hasText: "Gift wrapping" }).locator("input[data-multiple-choice-select]").check();
  await screenshot(page, "admin-services-chooser-italian");
  await modal.locator("[data-multiple-choice-submit]").click();
  await page.locator("#id_services-multiple-chooser [data-multiple-chooser-item]").nth(1).waitFor();
  const englishServices = await chipTitles(page);
  assert.deepEqual(englishServices.sort(), ["Click & collect", "Gift wrapping"]);

  await publish(page);
  const { store: published } = await graphql(`{ store(slug: "${SLUG}", locale: "en") { id } }`);
  assert.ok(published, "the English store is published");

  // Its edit form names what to check before publishing: the missing Italian translation.
  await page.goto(`/admin/pages/${published.id}/edit/`);
  assert.equal(await page.locator("ul[data-content-checks] li").count(), 1);

  // Translate it (Wagtail's "Translate" action) into Italian.
  await page.goto(`/admin/translation/submit/page/${published.id}/`);
  await page.locator('input[name="locales"]').check();
  await page.locator('form:has(input[name="locales"]) [type="submit"]').click();
  await page.waitForURL(/\/admin\/pages\/\d+\/edit\/$/);
  assert.equal(await page.locator("#content-locale").inputValue(), "it");
  const italianServices = await chipTitles(page);
  assert.equal(italianServices.length, 2);
  assert.notDeepEqual(italianServices.sort(), englishServices, "the translation links the Italian services");
  await screenshot(page, "admin-store-translated");
  await showTabOf(page, "#id_title");
  await page.locator("#id_title").fill("Milano Navigli, la sera");
  await page.keyboard.press("Tab");
  // A page never published takes its slug from its title: keep the English one.
  await page.waitForTimeout(500);
  await showTabOf(page, "#id_slug");
  await page.locator("#id_slug").fill(SLUG);
  await publish(page);
  await page.goto(`/admin/pages/${published.id}/edit/`);
  assert.equal(await page.locator("ul[data-content-checks]").count(), 0, "nothing left to check");

  // Through the API …
  const { store } = await graphql(`{
    store(slug: "${SLUG}", locale: "it") {
      title url timeZone services { name }
      openingHours { weekday opens closes closesNextDay }
      hoursExceptions(includePast: true) { date label closed }
    }
  }`);
  assert.equal(store.title, "Milano Navigli, la sera");
  assert.equal(store.timeZone, "Europe/Rome");
  assert.deepEqual(store.services.map((service) => service.name).sort(), italianServices.sort());
  assert.deepEqual(store.openingHours.at(-1), { weekday: "SATURDAY", opens: "18:00:00", closes: "02:00:00", closesNextDay: true });
  assert.deepEqual(store.openingHours[0], { weekday: "MONDAY", opens: "10:30:00", closes: "19:45:00", closesNextDay: false });
  assert.deepEqual(store.hoursExceptions, [{ date: HOLIDAY, label: "Epifania", closed: true }]);

  // … and on the Italian storefront, in the store's local times.
  await page.goto(store.url);
  assert.equal(await page.locator("html").getAttribute("lang"), "it");
  await page.locator("h1", { hasText: "Milano Navigli, la sera" }).waitFor();
  // "Open now, closes at …" or "closed, opens …": a time of the store's, in Milan.
  assert.match(await page.locator("main .status").innerText(), /\b(10:30|18:00|19:45|02:00)\b/);
  const hours = await page.locator("main").innerText();
  assert.match(hours, /10:30–19:45/);
  // An interval past midnight is written with each end in full, by CLDR's range pattern,
  // whose spaces around the dash are thin or no-break ones (\s matches them).
  assert.match(hours, /18:00\s–\s02:00/);
  assert.match(hours, /Epifania/);
  await screenshot(page, "storefront-store-italian");
  assert.deepEqual(browser.foreign, []);
  await page.close();
});
