#!/usr/bin/env node
// The operator command line (`npx dossier …`); the TypeScript source is in cli/.
require('tsx/cjs/api').register();
require('../cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
