//! Bundles web/editor/editor.mjs into web/generated/editor.js (IIFE, minified, ES2020) for the Yew page.
//! Run from anywhere (Trunk's pre_build hook runs it from the repo root): paths are relative to this file.
//! It does not install packages: a missing node_modules is reported, not repaired.

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const editorDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(editorDir, "../..");
const entry = join(editorDir, "editor.mjs");
const outfile = join(repoRoot, "web/generated/editor.js");

if (!existsSync(join(repoRoot, "node_modules/esbuild"))) {
  console.error(`editor build: ${join(repoRoot, "node_modules")} has no esbuild; run npm ci first (in ${repoRoot})`);
  process.exit(1);
}

const { build } = await import("esbuild");
mkdirSync(dirname(outfile), { recursive: true });
try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2020",
    // esbuild keeps `//!` comments as legal comments; our file headers are documentation, not licences,
    // and the bundled CodeMirror packages carry none, so drop them all.
    legalComments: "none",
    logLevel: "warning",
  });
} catch {
  // esbuild has already printed the errors.
  console.error("editor build: failed");
  process.exit(1);
}

const bytes = readFileSync(outfile);
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`editor build: ${relative(repoRoot, outfile)} ${bytes.length} bytes (${gzipped} gzipped)`);
