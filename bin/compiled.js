// Whether dist/ (`npm run build`, scripts/build.js) is current: its stamp records every source's
// mtime when it was built. The check stats every source (about 170 files, under a millisecond), so
// an edited, added, removed or replaced source (even by an older one) sends the bins back to the
// sources through tsx: nobody runs stale code. DOSSIER_FROM_SOURCE=1 forces the sources.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { extname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.stamp');
/** The folders compiled to dist/: the command line, the worker, the web app and what they import. */
const SOURCE_DIRS = ['cli', 'domain', 'machines', 'workflows', 'activities', 'platform', 'worker', 'http', 'scripts'];
const ASSETS = new Set(['.json', '.txt', '.css']);

const isCompiled = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts');

/** The sources (TypeScript and the data files they read), each by its path under the root, with its mtime. */
function scanSources() {
  const mtimes = {};
  for (const dir of SOURCE_DIRS) {
    let entries;
    try {
      entries = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile() || !(isCompiled(entry.name) || ASSETS.has(extname(entry.name)))) continue;
      const file = join(entry.parentPath ?? entry.path, entry.name);
      mtimes[relative(ROOT, file)] = statSync(file).mtimeMs;
    }
  }
  return mtimes;
}

/** The sources' mtimes dist/ was built from, or undefined when it is not built (or being built). */
function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).sources;
  } catch {
    return undefined;
  }
}

/** True when dist/ was built from the sources as they are now. */
function distIsFresh() {
  if (process.env.DOSSIER_FROM_SOURCE) return false;
  const built = readStamp();
  if (!built) return false;
  const now = scanSources();
  const files = Object.keys(now);
  return files.length === Object.keys(built).length && files.every((file) => built[file] === now[file]);
}

/** `dist/…/FILE.js` for a source `FILE.ts` of a compiled folder when dist/ is fresh, else undefined. */
function compiledPath(source) {
  const relativePath = resolve(source).slice(ROOT.length + 1);
  const dir = relativePath.split(/[\\/]/)[0];
  if (!resolve(source).startsWith(ROOT) || !SOURCE_DIRS.includes(dir) || !isCompiled(relativePath) || !distIsFresh()) return undefined;
  return join(DIST, relativePath.replace(/\.ts$/, '.js'));
}

module.exports = { ROOT, DIST, STAMP, SOURCE_DIRS, isCompiled, scanSources, readStamp, distIsFresh, compiledPath };
