// Shared pieces of the browser tests and measurements: the static server for dist/, Debian's
// Chromium through playwright-core, and the file tests' expectation blocks.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

// The server `scripts/serve` runs: dist/ with the page's Content-Security-Policy; its
// `violations` are the reports of what the policy blocked.
export { CSP, serve } from '../../scripts/serve-dist.mjs';

/** Every .wasm and .js of a build in `dist`, with its raw and gzip -9 sizes. */
export function bundleFiles(dist) {
  return fs.readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f)).sort().map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    return { name, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
}

/** The prelude snapshot the worker fetches (dist/prelude.snapshot), raw and gzip -9. */
export function snapshotFile(dist) {
  const name = 'prelude.snapshot';
  const bytes = fs.readFileSync(path.join(dist, name));
  return { name, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

/** A fresh headless Chromium (Debian's; nothing is downloaded). */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'invokelab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return context;
}

/** The program and its expected stdout/stderr, from a file test's `#= expect` block. */
export function expectation(file) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.lastIndexOf('#= expect\n');
  if (start < 0) return null;
  const end = text.indexOf('=#', start + 10);
  const block = text.slice(start + 10, end);
  const [stdout, stderr = ''] = block.split('--- stderr\n');
  const headers = {};
  for (const m of text.matchAll(/^# (engines|inlining|steps|heap): (\S+)$/gm)) headers[m[1]] = m[2];
  return { program: text, stdout, stderr, headers };
}
