#!/usr/bin/env node
/**
 * `npm run build`: compiles the application's TypeScript (the command line, and the worker, the web
 * app and everything they import) to CommonJS in dist/ (git ignores it) with @swc/core, one file at
 * a time (no type check: `npm run typecheck` does that), with source maps, and copies the data files
 * they read (JSON, law texts, the stylesheet). The sources stay the truth: bin/dossier.js runs
 * dist/cli/ only while the stamp matches every source's mtime (bin/compiled.js), else the sources
 * through tsx. The worker still runs from the sources (bin/run.js), which its workflow bundle is
 * built from.
 *
 * Cheap to repeat: a source whose mtime is the one the last build recorded is not compiled again,
 * and an output whose source is gone is removed. The stamp is removed first and written last, so a
 * half-written dist/ is never run.
 */
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { DIST, ROOT, STAMP, isCompiled, readStamp, scanSources } = require('../bin/compiled');

const started = process.hrtime.bigint();
const swc = require('@swc/core');

const SWC_OPTIONS = {
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  module: { type: 'commonjs', strict: true },
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
};

const outputOf = (source) => join(DIST, relative(ROOT, source)).replace(/\.ts$/, '.js');

/** Writes next to the target, then renames: a process reading dist/ meanwhile sees the old file or the new one. */
function writeAtomic(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Every file under dist/, by its full path. */
function distFiles() {
  try {
    return readdirSync(DIST, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? e.path, e.name));
  } catch {
    return [];
  }
}

async function build() {
  const before = readStamp() ?? {};
  rmSync(STAMP, { force: true });
  const sources = scanSources();
  const expected = new Set();
  let compiled = 0;
  let copied = 0;
  await Promise.all(
    Object.keys(sources).map(async (file) => {
      const source = join(ROOT, file);
      const compile = isCompiled(source);
      const output = compile ? outputOf(source) : join(DIST, file);
      expected.add(output);
      if (compile) expected.add(`${output}.map`);
      // Unchanged since the last build, and its output still there.
      if (before[file] === sources[file] && existsSync(output)) return;
      if (!compile) {
        writeAtomic(output, readFileSync(source));
        copied++;
        return;
      }
      const { code, map } = await swc.transformFile(source, { ...SWC_OPTIONS, filename: source, sourceFileName: relative(dirname(output), source) });
      writeAtomic(`${output}.map`, map);
      writeAtomic(output, `${code}\n//# sourceMappingURL=${relative(dirname(output), `${output}.map`)}\n`);
      compiled++;
    }),
  );
  let removed = 0;
  for (const file of distFiles()) {
    if (file === STAMP || expected.has(file)) continue;
    rmSync(file, { force: true });
    removed++;
  }
  writeFileSync(STAMP, `${JSON.stringify({ sources })}\n`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stderr.write(
    `build: ${Object.keys(sources).length} sources to dist/ (${compiled} compiled, ${copied} copied, ${removed} removed) in ${ms.toFixed(0)} ms\n`,
  );
}

build().catch((err) => {
  process.stderr.write(`build: ${err.stack || err}\n`);
  process.exitCode = 1;
});
