// The playground's download size: every .wasm and .js of a release build (dist/), raw and
// gzip -9, against the 1.5 MB (gzip) budget. Usage: node tests/browser/bundle-size.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET = 1.5e6;
const dist = process.argv[2] ?? 'dist';
const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f)).sort();
let raw = 0;
let gz = 0;
for (const f of files) {
  const bytes = fs.readFileSync(path.join(dist, f));
  const packed = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += packed;
  console.log(`${f.padEnd(40)} ${String(bytes.length).padStart(9)} B  ${String(packed).padStart(8)} B gzip`);
}
console.log(`${'total'.padEnd(40)} ${String(raw).padStart(9)} B  ${String(gz).padStart(8)} B gzip (budget ${BUDGET} B)`);
if (gz > BUDGET) {
  console.log('over budget');
  process.exit(1);
}
