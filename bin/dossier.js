#!/usr/bin/env node
// The operator command line (`npx dossier …`); the TypeScript source is in cli/. It runs the
// compiled dist/cli/main.js (`npm run build`) while dist/ is current, else the sources through tsx
// (bin/compiled.js), so an edited source is never run stale and a clone without a build still works.
const { compiledPath } = require('./compiled');

const compiled = compiledPath(`${__dirname}/../cli/main.ts`);
if (!compiled) require('tsx/cjs/api').register();
require(compiled ?? '../cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
