#!/usr/bin/env node
// Runs a TypeScript entry point of this project without a build step: `node bin/run.js FILE.ts [ARGS]`.
require('tsx/cjs/api').register();
const path = require('node:path');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node bin/run.js FILE.ts [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...rest];
require(path.resolve(entry));
