// The playground's download size: every .wasm and .js of a release build (dist/), raw and
// gzip -9, against the 1.5 MB (gzip) budget for code; then the prelude snapshot the worker
// fetches (data, not code: reported beside the budget, and in the total).
// Usage: node tests/browser/bundle-size.mjs [dist]
import { bundleFiles, snapshotFile } from './lib.mjs';

const BUDGET = 1.5e6;
const files = bundleFiles(process.argv[2] ?? 'dist');
for (const f of files) {
  console.log(`${f.name.padEnd(40)} ${String(f.raw).padStart(9)} B  ${String(f.gzip).padStart(8)} B gzip`);
}
const raw = files.reduce((n, f) => n + f.raw, 0);
const gz = files.reduce((n, f) => n + f.gzip, 0);
console.log(`${'total'.padEnd(40)} ${String(raw).padStart(9)} B  ${String(gz).padStart(8)} B gzip (budget ${BUDGET} B)`);
const snapshot = snapshotFile(process.argv[2] ?? 'dist');
console.log(`${snapshot.name.padEnd(40)} ${String(snapshot.raw).padStart(9)} B  ${String(snapshot.gzip).padStart(8)} B gzip (data)`);
console.log(`${'everything'.padEnd(40)} ${String(raw + snapshot.raw).padStart(9)} B  ${String(gz + snapshot.gzip).padStart(8)} B gzip`);
if (gz > BUDGET) {
  console.log('over budget');
  process.exit(1);
}
