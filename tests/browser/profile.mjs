// A CPU profile of the page (the main thread, not the worker) over re-runs of one example:
// where the time between the worker's answer and the drawn output goes. Prints the functions
// with the most self time. Usage: node tests/browser/profile.mjs [dist] [--only EXAMPLE] [--runs N]
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--only', '--runs'].includes(args[i - 1])));
const dist = path.resolve(positional[0] ?? path.join(repo, 'dist'));
const example = option('--only', 'julia_you_know');
const runs = Number(option('--runs', 5));
const server = await serve(dist, { csp: true });
const context = await launch();
const page = await context.newPage();
await page.goto(server.url);
const status = (state) => page.waitForSelector(`[data-testid="worker-status"][data-state="${state}"]`, { timeout: 60_000 });
await status('ready');
await page.selectOption('[data-testid="examples"]', example);
await status('ready');
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (let i = 0; i < runs; i++) {
  await page.click('[data-testid="editor"] .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(' ');
  await page.keyboard.press('Control+Enter');
  await status('running').catch(() => {});
  await status('ready');
}
const { profile } = await cdp.send('Profiler.stop');
await context.close();
server.close();
const dt = profile.timeDeltas;
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const f = node.callFrame;
  const name = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber}`;
  self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`page main thread over ${runs} runs of ${example}: ${total.toFixed(0)} ms sampled`);
for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`${(ms / runs).toFixed(2).padStart(8)} ms/run  ${name}`);
}
