// The playground's numbers for the README, measured in headless Chromium against a release
// build: where the time from navigation to the first run's output goes (each load in a fresh
// browser, so nothing is cached), edit-to-output latency per example, and the download size.
// Times are taken in the page (performance.now(), from navigation) by a MutationObserver, so a
// run shorter than Playwright's polling is not missed.
// Usage: node tests/browser/measure.mjs [dist] [--loads N] [--only EXAMPLE] [--no-csp]
// (--no-csp serves without the Content-Security-Policy: for builds from before it, whose boot
// script was inline.)
import fs from 'node:fs';
import path from 'node:path';
import { bundleFiles, launch, serve, snapshotFile } from './lib.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--loads', '--only'].includes(args[i - 1])));
const only = option('--only', null);
const dist = path.resolve(positional[0] ?? path.join(repo, 'dist'));
const loads = Number(option('--loads', 5));
const server = await serve(dist, { csp: !flag('--no-csp') });

/** Runs in the page before its scripts: records when each milestone first happens. */
function recordMilestones() {
  const marks = (window.__marks = {});
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.now(); };
  const Worker = window.Worker;
  window.Worker = class extends Worker {
    constructor(...args) {
      super(...args);
      mark('worker spawned');
      this.addEventListener('message', () => mark('worker ready (its first message)'));
    }
  };
  // The moment the run is asked for (Ctrl+Enter reaches the page).
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.ctrlKey) window.__asked = performance.now();
  }, true);
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="editor"] .cm-host, [data-testid="editor"] .cm-editor')) mark('editor shown');
    if (document.querySelector('[data-testid="stdout"], [data-testid="stderr"]')) mark("first run's output");
    const state = document.querySelector('[data-testid="worker-status"]')?.dataset.state;
    if (state === 'running') window.__running = true;
    if (state === 'ready' && window.__running) {
      window.__running = false;
      window.__done = performance.now();
      mark('first run done');
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => {
  const ms = (x) => `${Math.round(x)}`;
  return `${ms(median(xs)).padStart(5)} ms  (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
};

console.log(`navigation -> ... (median and range of ${loads} loads, each in a fresh browser):`);
const milestones = {};
for (let i = 0; i < loads; i++) {
  const context = await launch();
  const page = await context.newPage();
  await page.addInitScript(recordMilestones);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__done, null, { timeout: 60_000 });
  const marks = await page.evaluate(() => window.__marks);
  marks['page parsed (DOMContentLoaded)'] = await page.evaluate(
    () => performance.getEntriesByType('navigation')[0].domContentLoadedEventStart);
  for (const [name, t] of Object.entries(marks)) (milestones[name] ??= []).push(t);
  await context.close();
}
for (const [name, times] of Object.entries(milestones).sort((a, b) => median(a[1]) - median(b[1]))) {
  console.log(`  ${name.padEnd(34)} ${stats(times)}`);
}

const context = await launch();
const page = await context.newPage();
await page.addInitScript(recordMilestones);
await page.goto(server.url);
await page.waitForFunction(() => window.__done, null, { timeout: 60_000 });
/** Runs `trigger` and resolves to the time until the run it starts has finished: from when
 * `trigger` began, and from when the page got Ctrl+Enter (if it did). */
async function timed(trigger) {
  const t0 = await page.evaluate(() => { window.__done = null; window.__asked = null; return performance.now(); });
  await trigger();
  await page.waitForFunction(() => window.__done, null, { timeout: 60_000 });
  const { done, asked } = await page.evaluate(() => ({ done: window.__done, asked: window.__asked }));
  return { total: done - t0, fromRun: asked === null ? NaN : done - asked };
}
const examples = fs.readdirSync(path.join(repo, 'static/examples')).filter((f) => f.endsWith('.jl') && (!only || f === `${only}.jl`)).sort();
console.log('edit -> output per example (load it, then append a space and press Ctrl+Enter; median of 3),');
console.log('from the Ctrl+Enter keydown in the page / from the script typing the space (two more');
console.log("of Playwright's round trips) / the worker's own total:");
for (const file of examples) {
  const id = file.replace(/\.jl$/, '');
  await timed(() => page.selectOption('[data-testid="examples"]', id));
  const times = [];
  const fromRun = [];
  const totals = [];
  for (let i = 0; i < 3; i++) {
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+End');
    const t = await timed(async () => {
      await page.keyboard.insertText(' ');
      await page.keyboard.press('Control+Enter');
    });
    times.push(t.total);
    fromRun.push(t.fromRun);
    const total = await page.$eval('[data-testid="timings"] td[data-stage="total"]', (el) => el.textContent).catch(() => 'NaN');
    totals.push(Number(total));
  }
  console.log(`  ${id.padEnd(24)} ${stats(fromRun)} / ${stats(times)} / ${stats(totals)}`);
}
await context.close();
server.close();

const files = bundleFiles(dist);
const raw = files.reduce((n, f) => n + f.raw, 0);
const gz = files.reduce((n, f) => n + f.gzip, 0);
console.log(`bundle (all .wasm + .js): ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip -9`);
const snapshot = snapshotFile(dist);
console.log(`prelude snapshot (data): ${(snapshot.raw / 1e6).toFixed(2)} MB raw, ${(snapshot.gzip / 1e6).toFixed(2)} MB gzip -9`);
