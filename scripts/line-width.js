#!/usr/bin/env node
// The formatter wraps code at its line width but never splits a string or a comment: this check
// holds those to the same width, so no line of the code base is wider (biome.jsonc, lineWidth).
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');

const WIDTH = Number(/"lineWidth":\s*(\d+)/.exec(readFileSync('biome.jsonc', 'utf8'))[1]);
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.jsonc'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const wide = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.length > WIDTH ? [`${file}:${i + 1}: ${line.length} characters (the width is ${WIDTH})`] : [])),
);
for (const line of wide) console.error(line);
process.exit(wide.length ? 1 : 0);
