// Shared pieces of the browser tests and measurements: a static server for dist/, Debian's
// Chromium through playwright-core, and the file tests' expectation blocks.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves `dir` on 127.0.0.1 (a free port); resolves to { url, close }. */
export function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() });
  }));
}

/** Every .wasm and .js of a build in `dist`, with its raw and gzip -9 sizes. */
export function bundleFiles(dist) {
  return fs.readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f)).sort().map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    return { name, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
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
