// The admin as an Italian editor sees it: the dashboard, the menus, every tab of a store's
// form, a gift guide, a product story and its blocks, a return policy, the products, an
// offer, a theme, stock levels, webhooks, the footer, persisted queries and a new stock API key, each
// screenshot for a person to read (screenshots/admin-it-*.png). On each screen no label,
// heading, help text, tab, button, column or choice says one of the project's messages in
// English: those of its catalogs (cms/locale, themes/locale) whose Italian differs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chooseAdminLanguage, graphql, launch, logIn, screenshot, skipWithoutEditors } from "./browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CATALOGS = ["cms/locale/it/LC_MESSAGES/django.po", "themes/locale/it/LC_MESSAGES/django.po"];
// Content inside those: a block's title is the text of its first field.
const CONTENT = ".c-sf-block__title";
// The parts of a screen the admin writes itself (not the content being edited; options are
// left out, as lists of stores or categories are content: choices are checked one by one).
const CHROME = [
  "label", "legend", "h1", "h2", "h3", '[role="tab"]', ".help", ".w-field__help", "button", "th",
  ".w-panel__heading", "#wagtail-sidebar a", "#wagtail-sidebar button", ".w-help-text", ".messages li",
].join(", ");

// ["msgid", "msgstr"] of a .po file (first plural form; headers and contexts read past).
function entries(path) {
  const unquote = (lines) => lines.map((line) => JSON.parse(line.replace(/^[a-z_[\]0-9]+ /, ""))).join("");
  const found = [];
  for (const block of readFileSync(join(ROOT, path), "utf8").split(/\n\n/)) {
    const lines = block.split("\n").filter((line) => line && !line.startsWith("#"));
    const start = (key) => lines.findIndex((line) => line.startsWith(`${key} `));
    const read = (key) => {
      const from = start(key);
      if (from < 0) return null;
      const end = lines.findIndex((line, index) => index > from && !line.startsWith('"'));
      return unquote(lines.slice(from, end < 0 ? undefined : end));
    };
    const msgid = read("msgid");
    const msgstr = read("msgstr") ?? read("msgstr[0]");
    if (msgid) found.push([msgid, msgstr]);
  }
  return found;
}

// The English of every message (without placeholders) that Italian says otherwise.
const ENGLISH = new Set(
  CATALOGS.flatMap(entries)
    .filter(([msgid, msgstr]) => !/%\(|\{/.test(msgid) && msgstr.toLowerCase() !== msgid.toLowerCase())
    .map(([msgid]) => msgid.toLowerCase()),
);

// The elements of the admin's own making whose whole text is one of the English messages
// (a field's label, capitalised and marked required, counts; content being edited does not).
async function englishOn(page) {
  const texts = await page.locator(CHROME).evaluateAll((nodes, content) =>
    nodes.map((node) => {
      const copy = node.cloneNode(true);
      copy.querySelectorAll(content).forEach((part) => part.remove());
      return copy.textContent;
    }), CONTENT);
  const shown = texts.map((text) => text.replace(/\*/g, "").replace(/\s+/g, " ").trim().toLowerCase());
  return [...new Set(shown.filter((text) => ENGLISH.has(text)))];
}

async function look(page, name) {
  await page.waitForLoadState("networkidle");
  await screenshot(page, `admin-it-${name}`);
  assert.deepEqual(await englishOn(page), [], `English on ${name}`);
}

// An edit view from a listing: the first object's.
async function editFirst(page, listing) {
  await page.goto(listing);
  await page.locator('main table a[href*="/edit/"]').first().click();
  await page.waitForURL(/\/edit\//);
}

let browser;
before(async () => {
  browser = await launch({ locale: "it-IT", args: ["--lang=it-IT"], viewport: { width: 1280, height: 1000 } });
});
after(() => browser.close());

test("the catalogs' English phrases are read", () => {
  assert.ok(ENGLISH.has("weekly opening hours") && ENGLISH.has("street address") && ENGLISH.has("location"));
  assert.ok(!ENGLISH.has("online"), "a word Italian says the same way is no sign of English");
});

test("an Italian editor's admin: dashboard, menus and forms in Italian", async (t) => {
  if (skipWithoutEditors(t)) return;
  const page = await browser.context.newPage();
  await logIn(page, "redattrice");
  await chooseAdminLanguage(page, "it");
  assert.equal(await page.locator("html").getAttribute("lang"), "it");
  await look(page, "dashboard");
  const menus = [["menu-catalog", "Catalogo", "Prodotti"], ["menu-settings", "Impostazioni", "Invii webhook"]];
  for (const [name, label, item] of menus) {
    await page.locator("#wagtail-sidebar button", { hasText: label }).first().click();
    await page.locator("#wagtail-sidebar a", { hasText: item }).waitFor();
    await page.waitForTimeout(300); // the submenu slides in
    await look(page, name);
    await page.keyboard.press("Escape");
  }

  // A store's form, tab by tab.
  const { stores } = await graphql('{ stores(first: 1, locale: "en") { edges { node { id } } } }');
  await page.goto(`/admin/pages/${stores.edges[0].node.id}/edit/`);
  const tabs = page.locator('a[role="tab"]');
  const tabNames = (await tabs.allInnerTexts()).map((text) => text.split("\n")[0].trim());
  assert.deepEqual(tabNames, ["Contenuto", "Posizione", "Orari di apertura", "Servizi", "Promuovi"]);
  for (const [index, name] of tabNames.entries()) {
    await tabs.nth(index).click();
    await look(page, `store-${index + 1}-${name.toLowerCase().replaceAll(" ", "-")}`);
  }
  await tabs.nth(2).click();
  await page.locator("#id_hours_exceptions-ADD").scrollIntoViewIfNeeded();
  await look(page, "store-3b-exceptions");
  assert.equal(await page.locator("#id_opening_hours-0-weekday option[value=\"0\"]").textContent(), "Lunedì");

  const { giftGuides } = await graphql('{ giftGuides(first: 1, locale: "en") { edges { node { id } } } }');
  await page.goto(`/admin/pages/${giftGuides.edges[0].node.id}/edit/`);
  await look(page, "gift-guide");
  assert.deepEqual(await page.locator("#id_budget_currency option[value=\"EUR\"]").textContent(), "EUR – euro");
  await page.locator('[data-contentpath="sections"] [data-contentpath="picks"]').first().scrollIntoViewIfNeeded();
  await look(page, "gift-guide-sections");

  // A product story: its body's blocks, and the menu of blocks to add.
  const { productStories } = await graphql('{ productStories(first: 1, locale: "en") { edges { node { id } } } }');
  await page.goto(`/admin/pages/${productStories.edges[0].node.id}/edit/`);
  await page.locator('[data-contentpath="body"]').scrollIntoViewIfNeeded();
  await look(page, "product-story");
  await page.locator('[data-contentpath="body"] button.c-sf-add-button').first().click();
  await page.locator(".w-combobox__menu", { hasText: "Cronologia" }).waitFor();
  await look(page, "product-story-blocks");
  await page.keyboard.press("Escape");

  const { returnPolicies } = await graphql('{ returnPolicies(locale: "en") { id } }');
  await page.goto(`/admin/pages/${returnPolicies[0].id}/edit/`);
  await look(page, "return-policy");

  await page.goto("/admin/snippets/catalog/product/");
  await look(page, "products");
  await editFirst(page, "/admin/snippets/offers/offer/");
  await look(page, "offer");
  await editFirst(page, "/admin/snippets/themes/theme/");
  await look(page, "theme");
  await page.goto("/admin/stock_levels/");
  await look(page, "stock-levels");
  await page.goto("/admin/webhook_endpoints/new/");
  await look(page, "webhook-endpoint");
  await page.goto("/admin/webhook_deliveries/");
  await look(page, "webhook-deliveries");
  await page.goto("/admin/settings/core/footersettings/");
  await look(page, "footer");
  await page.goto("/admin/persisted_queries/clear/");
  await look(page, "persisted-queries-clear");

  // A stock API key: its form, and the message that shows the key once.
  await page.goto("/admin/stock_api_keys/new/");
  await page.locator("#id_name").fill("Cassa Milano (prova)");
  await page.locator("#id_all_stores").check();
  await look(page, "stock-api-key");
  await page.locator('main form button[type="submit"]').first().click();
  await page.locator(".messages li", { hasText: "Copia ora la chiave" }).waitFor();
  await look(page, "stock-api-key-created");
  assert.deepEqual(browser.foreign, []);
  await page.close();
});
