// The playground's numbers for the README, measured in headless Chromium against a release
// build: time from navigation to the first run's output, edit-to-output latency per example,
// and the download size.
// Usage: node tests/browser/measure.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { bundleFiles, launch, serve } from './lib.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.resolve(process.argv[2] ?? path.join(repo, 'dist'));
const server = await serve(dist);
const context = await launch();
const ready = '[data-testid="worker-status"][data-state="ready"]';
const running = '[data-testid="worker-status"][data-state="running"]';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstOutput() {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector(ready, { timeout: 60_000 });
  const tReady = Date.now();
  await page.click('[data-testid="run"]');
  await page.waitForSelector(running, { timeout: 5_000 }).catch(() => {});
  await page.waitForSelector(ready, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="stdout"], [data-testid="stderr"]');
  const tOut = Date.now();
  await page.close();
  return { ready: tReady - t0, output: tOut - t0 };
}

const loads = [];
for (let i = 0; i < 3; i++) loads.push(await firstOutput());
console.log(`navigation -> worker ready: ${median(loads.map((l) => l.ready))} ms (median of 3)`);
console.log(`navigation -> first run's output: ${median(loads.map((l) => l.output))} ms (median of 3)`);

const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector(ready, { timeout: 60_000 });
const examples = fs.readdirSync(path.join(repo, 'static/examples')).filter((f) => f.endsWith('.jl')).sort();
console.log('edit -> output per example (load it, then append a space and press Ctrl+Enter; median of 3):');
for (const file of examples) {
  const id = file.replace(/\.jl$/, '');
  await page.selectOption('[data-testid="examples"]', id);
  await page.waitForSelector(running, { timeout: 5_000 }).catch(() => {});
  await page.waitForSelector(ready, { timeout: 60_000 });
  const times = [];
  let total = '';
  for (let i = 0; i < 3; i++) {
    await page.click('[data-testid="editor"] .cm-content');
    await page.keyboard.press('Control+End');
    const t0 = Date.now();
    await page.keyboard.insertText(' ');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(running, { timeout: 5_000 }).catch(() => {});
    await page.waitForSelector(ready, { timeout: 60_000 });
    times.push(Date.now() - t0);
    total = await page.$eval('[data-testid="timings"] td[data-stage="total"]', (el) => el.textContent).catch(() => '?');
  }
  console.log(`  ${id.padEnd(24)} ${String(median(times)).padStart(5)} ms   (the worker's own total: ${total.trim()} ms)`);
}
await context.close();
server.close();

const files = bundleFiles(dist);
const raw = files.reduce((n, f) => n + f.raw, 0);
const gz = files.reduce((n, f) => n + f.gzip, 0);
console.log(`bundle (all .wasm + .js): ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip -9`);
