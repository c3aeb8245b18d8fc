//! Browser smoke test of the editor bundle (web/generated/editor.js) in headless Chromium: typing,
//! onChange, Ctrl+Enter to run, setDoc, diagnostics, highlights, selections, Julia highlighting and
//! the colour scheme.
//! It does not build the bundle (run `node web/editor/build.mjs` first) nor test the Yew page.
//! Exits 1 on the first failure; prints "editor smoke: ok" on success. CHROMIUM overrides the browser.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bundle = join(repoRoot, "web/generated/editor.js");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

async function run(page) {
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  await page.setContent('<!doctype html><div id="parent" style="height: 300px"></div>');
  await page.addScriptTag({ path: bundle });
  await page.evaluate(() => {
    window.events = { changes: [], runs: 0, selections: [] };
    window.editor = window.InvokelabEditor.create(document.getElementById("parent"), "", {
      onChange: (doc) => window.events.changes.push(doc),
      onRun: () => window.events.runs++,
      onSelection: (range) => window.events.selections.push(range),
    });
    window.editor.focus();
    // The editor is in a shadow root (so its styles are a constructed sheet, not a <style>).
    window.cm = (selector) => document.querySelector(".cm-host")?.shadowRoot.querySelector(selector);
  });
  const events = () => page.evaluate(() => window.events);
  const getDoc = () => page.evaluate(() => window.editor.getDoc());

  // Its styles add no <style> element to the page (the page's CSP allows none; README).
  const styleElements = await page.evaluate(() => document.querySelectorAll("style").length);
  check(styleElements === 0, `no <style> element in the document, got ${styleElements}`);

  // The editor fills its parent.
  const height = await page.evaluate(() => window.cm(".cm-editor").getBoundingClientRect().height);
  check(height === 300, `editor height is the parent's 300px, got ${height}`);

  // Typing goes through onChange, synchronously, once per change.
  await page.keyboard.type("f(x) = x + 1");
  check((await getDoc()) === "f(x) = x + 1", `getDoc after typing, got ${JSON.stringify(await getDoc())}`);
  let { changes } = await events();
  check(changes.length >= "f(x) = x + 1".length, `onChange fired per keystroke, got ${changes.length}`);
  check(changes.at(-1) === "f(x) = x + 1", `last onChange doc, got ${JSON.stringify(changes.at(-1))}`);

  // Ctrl+Enter runs instead of inserting a blank line.
  await page.keyboard.press("Control+Enter");
  check((await events()).runs === 1, "onRun fired once on Control+Enter");
  check((await getDoc()) === "f(x) = x + 1", "Control+Enter left the text alone");

  // setDoc replaces the text without telling the page.
  const source = "function g(x)\n    x + 1\nend\n";
  const changesBefore = (await events()).changes.length;
  await page.evaluate((text) => window.editor.setDoc(text), source);
  check((await getDoc()) === source, "getDoc after setDoc");
  check((await events()).changes.length === changesBefore, "setDoc did not fire onChange");

  // A Julia keyword gets a highlight class.
  const keywordClass = await page.evaluate(() => {
    const span = [...window.cm(".cm-content").querySelectorAll("span")].find((s) => s.textContent === "function");
    return span ? span.className : null;
  });
  check(Boolean(keywordClass), `"function" is in a highlighted span, got class ${JSON.stringify(keywordClass)}`);

  // Diagnostics show as lint ranges; out-of-range offsets are clamped; an empty list clears them.
  await page.evaluate(() =>
    window.editor.setDiagnostics([
      { from: 9, to: 13, severity: "error", message: "g is not defined" },
      { from: 20, to: 1e9, severity: "warning", message: "past the end" },
    ]),
  );
  await page.waitForSelector(".cm-lintRange-error", { timeout: 5000 });
  await page.waitForSelector(".cm-lintRange-warning", { timeout: 5000 });
  const marked = await page.evaluate(() => window.cm(".cm-lintRange-error").textContent);
  check(marked === "g(x)", `error range covers "g(x)", got ${JSON.stringify(marked)}`);
  await page.evaluate(() => window.editor.setDiagnostics([]));
  await page.waitForSelector(".cm-lintRange-error", { state: "detached", timeout: 5000 });

  // setHighlights marks source spans (the IR line in focus); an empty list clears them.
  await page.evaluate(() => window.editor.setHighlights([{ from: 9, to: 13 }, { from: 5, to: 1e9 }]));
  const highlighted = await page.evaluate(() =>
    [...window.cm(".cm-content").querySelectorAll(".cm-ir-source")].map((e) => e.textContent).join("|"),
  );
  check(highlighted.includes("g(x)"), `setHighlights marked "g(x)", got ${JSON.stringify(highlighted)}`);
  await page.evaluate(() => window.editor.setHighlights([]));
  check((await page.$(".cm-ir-source")) === null, "setHighlights([]) cleared the marks");

  // A selection is reported as the whole lines it touches, and its end as null.
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  const selections = (await events()).selections;
  const lastSelection = selections.at(-1);
  check(
    lastSelection && lastSelection.from === 0 && lastSelection.to === "function g(x)\n    x + 1".length,
    `onSelection reported lines 1-2, got ${JSON.stringify(selections)}`,
  );
  await page.keyboard.press("ArrowRight");
  check((await events()).selections.at(-1) === null, "collapsing the selection reported null");

  // The theme follows the system colour scheme. The editor hears of a change through a matchMedia
  // listener, which runs after emulateMedia returns, so wait for the new background.
  const backgroundIs = (light) =>
    page.waitForFunction(
      (light) => {
        const [r] = getComputedStyle(window.cm(".cm-editor")).backgroundColor.match(/\d+/);
        return light ? Number(r) > 128 : Number(r) < 128;
      },
      light,
      { timeout: 5000 },
    ).catch(() => check(false, `the editor turned ${light ? "light" : "dark"} with the system`));
  await page.emulateMedia({ colorScheme: "light" });
  await backgroundIs(true);
  await page.emulateMedia({ colorScheme: "dark" });
  await backgroundIs(false);
  await page.emulateMedia({ colorScheme: "light" });
  await backgroundIs(true);

  await page.evaluate(() => window.editor.destroy());
  check((await page.$(".cm-editor")) === null && (await page.$(".cm-host")) === null, "destroy removed the editor");
  check(pageErrors.length === 0, `no page errors, got ${JSON.stringify(pageErrors)}`);
}

if (!existsSync(bundle)) {
  console.error(`editor smoke: ${bundle} is missing; run node web/editor/build.mjs first`);
  process.exit(1);
}
const { chromium } = await import("playwright-core");
const profile = mkdtempSync(join(tmpdir(), "invokelab-editor-smoke-"));
let context;
let failed = false;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.setDefaultTimeout(15000);
  await run(context.pages()[0] ?? (await context.newPage()));
} catch (error) {
  console.error(`editor smoke: ${error.message}`);
  failed = true;
} finally {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log("editor smoke: ok");
