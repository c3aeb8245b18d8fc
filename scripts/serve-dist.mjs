// The playground's static server: serves a release build (dist/) with the page's
// Content-Security-Policy on every response (the worker's scripts get their policy from their
// own responses, not from the page; CSP Level 3, "Initialize a global object's CSP list").
// `scripts/serve` runs it; the browser tests and measurements serve through the same `serve`,
// so what they test is what is served. It builds nothing and knows nothing of the page.
// Usage: node scripts/serve-dist.mjs [dist] (PORT=8080, on 127.0.0.1)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The policy (README, "The playground"): scripts only from the page's own files, wasm compiled
 * from bytes (the worker compiles a module per CodeInstance), and nothing else: no inline or
 * eval'd script, no inline style element or attribute (CodeMirror's styles are constructed
 * style sheets), no other origin. `img-src data:` is the empty favicon.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where browsers send reports of what the policy blocked (served by `serve`, not by dist/). */
export const REPORT_PATH = '/csp-report';

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

/**
 * Serves `dir` on 127.0.0.1 (`port`, or a free one) with the policy and its report endpoint;
 * resolves to { url, close, violations }: `violations` collects the reports received.
 * `csp: false` leaves the policy out (to measure builds from before it).
 */
export function serve(dir, { port = 0, onViolation = () => {}, csp = true } = {}) {
  const root = path.resolve(dir);
  const violations = [];
  const headers = csp ? { 'content-security-policy': `${CSP}; report-uri ${REPORT_PATH}` } : {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'POST' && url.pathname === REPORT_PATH) {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        let report;
        try { report = JSON.parse(body)['csp-report'] ?? JSON.parse(body); } catch { report = { body }; }
        violations.push(report);
        onViolation(report);
        res.writeHead(204).end();
      });
      return;
    }
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, headers).end('not found'); return; }
      res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close(), violations });
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dist = process.argv[2] ?? 'dist';
  const { url } = await serve(dist, {
    port: Number(process.env.PORT ?? 8080),
    onViolation: (report) => console.error(`blocked by the Content-Security-Policy: ${JSON.stringify(report)}`),
  });
  console.log(`serving ${dist} on ${url} with Content-Security-Policy: ${CSP}`);
}
