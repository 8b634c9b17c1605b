// A store's times are the store's own: its page and the store finder show them in the
// store's time zone and in the page's language, whatever the time zone of the shopper's
// browser (each part runs in a browser set to Rome and to Los Angeles).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { formatted, launch, screenshot, squash, storeFromApi, timeRange, wallClock } from "./browser.mjs";

const STORES = [
  { name: "tokyo-ginza", en: "/stores/tokyo-ginza/", it: "/negozi/tokyo-ginza/", zone: "Asia/Tokyo" },
  { name: "new-york-soho", en: "/stores/new-york-soho/", it: "/negozi/new-york-soho/", zone: "America/New_York" },
  { name: "turin-via-roma", en: "/stores/turin-via-roma/", it: "/negozi/torino-via-roma/", zone: "Europe/Rome" },
  // Late nights past midnight on Fridays and Saturdays.
  { name: "tokyo-shibuya", en: "/stores/tokyo-shibuya/", it: "/negozi/tokyo-shibuya/", zone: "Asia/Tokyo" },
  // A lunch break, and closed on Sundays.
  { name: "rome-trastevere", en: "/stores/rome-trastevere/", it: "/negozi/roma-trastevere/", zone: "Europe/Rome" },
];
const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const MONDAY = Date.UTC(2026, 10, 30, 12); // Monday 30 November 2026, noon UTC
const CLOSED = { en: "Closed", it: "Chiuso" };
const NEXT_DAY = { en: "(next day)", it: "(giorno dopo)" };

function weekdayName(weekday, language) {
  return formatted("weekday", MONDAY + WEEKDAYS.indexOf(weekday) * 86400000, language);
}

// "10:00 AM – 8:00 PM" / "10:00–20:00": CLDR's time range of the language.
function hoursRange(row, language) {
  return row.closesNextDay ? null : timeRange(row.opens, row.closes, language); // past midnight: checked below
}

for (const browserZone of ["Europe/Rome", "America/Los_Angeles"]) {
  describe(`a browser in ${browserZone}`, () => {
    let browser;
    before(async () => { browser = await launch({ timezoneId: browserZone }); });
    after(() => browser.close());

    for (const store of STORES) {
      for (const language of ["en", "it"]) {
        test(`${store.name} (${language}) shows its status and hours in ${store.zone}`, async () => {
          const api = await storeFromApi(store[language], language);
          assert.equal(api.timeZone, store.zone);
          const page = await browser.context.newPage();
          await page.goto(api.url);

          // "Open now · closes at 8:00 PM" or "Closed now · opens Thu, Dec 3, 10:00 AM": the
          // instant the API gives, written in the store's zone, and a machine-readable copy.
          const moment = api.isOpen ? api.nextClosing : api.nextOpening;
          const time = page.locator(".status time");
          assert.equal(await page.locator(".status").getAttribute("data-open-now"), String(api.isOpen));
          assert.equal(await time.getAttribute("datetime"), moment);
          assert.equal(squash(await time.textContent()), formatted(api.isOpen ? "time" : "dayAndTime", moment, language, store.zone));
          const wall = moment.slice(11, 16); // the store's wall clock, as the API writes it
          if (language === "it") assert.match(await time.textContent(), new RegExp(wall));

          // The weekly hours: day names in the page's language, times as entered (store time).
          const rows = await page.locator(".opening-hours tbody tr").evaluateAll((items) =>
            items.map((item) => ({ day: item.querySelector("th").textContent, hours: item.querySelector("td").textContent })));
          assert.deepEqual(rows.map((row) => squash(row.day)), WEEKDAYS.map((day) => weekdayName(day, language)));
          for (const [index, day] of WEEKDAYS.entries()) {
            if (!api.openingHours.some((row) => row.weekday === day)) assert.equal(squash(rows[index].hours), CLOSED[language]);
          }
          for (const row of api.openingHours) {
            const shown = squash(rows[WEEKDAYS.indexOf(row.weekday)].hours);
            const range = hoursRange(row, language);
            if (range) assert.ok(shown.includes(range), `${row.weekday}: "${shown}" has "${range}"`);
            else {
              const [opens, closes] = [wallClock(row.opens, language), wallClock(row.closes, language)];
              assert.ok(shown.includes(opens) && shown.includes(`${closes} ${NEXT_DAY[language]}`), `${row.weekday}: "${shown}"`);
            }
          }
          await screenshot(page, `local-times-${store.name}-${language}-${browserZone.replace("/", "-")}`);
          await page.close();
        });
      }
    }

    test("the store finder writes each store's next opening in the store's zone", async () => {
      const page = await browser.context.newPage();
      await page.goto("/it/find-a-store/");
      await page.getByLabel("Solo negozi aperti ora").uncheck();
      await page.getByLabel("oppure una città").fill("Tokyo");
      await page.getByRole("button", { name: "Cerca negozi" }).click();
      const items = page.locator("[data-store-results] > li");
      await items.first().waitFor();
      const listed = await items.evaluateAll((nodes) =>
        nodes.map((node) => ({ url: node.querySelector("a").getAttribute("href"), status: node.querySelector(".status").textContent })));
      assert.ok(listed.length >= 3, "the Tokyo stores are listed");
      for (const item of listed) {
        const api = await storeFromApi(item.url.replace(/^\/it/, ""), "it");
        const expected = api.isOpen ? "Aperto ora" : `Chiuso · apre ${formatted("dayAndTime", api.nextOpening, "it", api.timeZone)}`;
        assert.equal(squash(item.status), expected, item.url);
      }
      await screenshot(page, `local-times-finder-tokyo-${browserZone.replace("/", "-")}`);
      await page.close();
    });
  });
}
