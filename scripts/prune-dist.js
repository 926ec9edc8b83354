#!/usr/bin/env node
/**
 * Before `npm pack` / `npm publish` (the `prepack` script): removes compiled files under dist/ whose source is gone.
 * tsc never deletes what it emitted for a removed .ts file, and the package's `files` take dist/src by pattern, so a
 * stale module (a renamed or deleted one) would otherwise ship. Only stale files are removed: suites running from
 * dist/ at the same time keep theirs.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

/** The source a compiled file came from: `x.js`, `x.d.ts`, `x.js.map` from `x.ts`; a copied `x.json` from `x.json`. */
function sourceOf(relative) {
  if (relative.endsWith(".json")) return [relative];
  const stem = relative.replace(/(\.d\.ts|\.js\.map|\.js)$/, "");
  return stem === relative ? [] : [`${stem}.ts`];
}

function walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      walk(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      continue;
    }
    const sources = sourceOf(path.relative(dist, full));
    if (sources.length > 0 && !sources.some((s) => fs.existsSync(path.join(root, s)))) {
      fs.rmSync(full);
      console.error(`prune-dist: removed ${path.relative(root, full)} (its source is gone)`);
    }
  }
}

if (fs.existsSync(path.join(dist, "src"))) walk(path.join(dist, "src"));
