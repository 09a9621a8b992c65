/**
 * What a worker evaluates once and shares between all its workflows (the SDK's `preloadModules`; the
 * list is ./preload-modules.ts): zod, XState, the domain (schemas, calendar, jurisdictions, policy
 * packs) and the two machines. With the reused V8 context, every module a workflow imports is
 * otherwise evaluated again for each workflow and kept while it is cached: 1,771 KiB of heap per
 * cached case before, 115 KiB after, against 62 KiB for a bare workflow (bench/README.md,
 * bench:memory). The workflow modules themselves (workflows/application.ts, permit.ts, the runner)
 * stay per workflow: they hold each case's handlers and state.
 *
 * The SDK evaluates this module before any workflow exists, so every module it imports lands in the
 * shared cache, and then deep-freezes what each of them exports. Why sharing them is safe (proved by
 * test/workflows/shared-modules.test.ts, the replay suite and the workflow suites):
 *
 * - Exported data is frozen as the SDK freezes it (below), so no workflow can change it for another.
 *   zod schemas are the one exception: they are left unfrozen because zod fills caches on a schema
 *   the first time it is used (bound methods, the compiled object check, normalized shapes), and a
 *   frozen schema fails its first parse ("Cannot define property safeParse"). Those caches give the
 *   same answer whichever workflow fills them; a parse returns new objects (defaults are cloned).
 * - zod's module state: its global config and registry are set here, before the SDK freezes the
 *   globals (`warmUp`: the default locale and memoizer are set on the first schema built, and filled
 *   later the write would throw); the rest is a cache with the same answer for every workflow (the
 *   members each class installs on its prototype once, `allowsEval`) or lives within one synchronous
 *   parse (the memoizer's stack). zod seals its own exports, so the SDK's freeze stops there.
 * - XState numbers actors from one counter in its module (`idCounter`), now shared by all the
 *   workflows of a worker. The numbers name actors only: dossier's machines spawn and invoke no
 *   actor, so the pure `transition()` creates just its throwaway root actor, and no number reaches a
 *   snapshot, an action or a status (test/machines/shared-counter.test.ts runs each machine with the
 *   counter moved on and compares). The machine objects are frozen; XState reads them only.
 * - The domain's module state: the jurisdiction registry (packs registered by an extension are
 *   registered once per worker; `registerJurisdiction` callers check `isJurisdiction` first), the
 *   holidays computed per jurisdiction and year, and time-zone formatters: the same for every workflow.
 *
 * The rule this leaves: module-level state in domain/ and machines/ is shared by every case of a
 * worker, so it may only be a cache that gives every workflow the same answer. Exported data is
 * frozen (a write throws, loudly); state kept in a module's closure is not.
 */
import { z } from 'zod';
import '../domain/calendar';
import '../domain/case';
import '../domain/case-actions';
import '../domain/decision-clock';
import '../domain/jurisdictions';
import '../domain/notices';
import '../domain/permit';
import '../domain/policy';
import '../domain/roles';
import '../machines/application';
import '../machines/permit';

/** Webpack's module table, as the bundle sees it. */
declare const __webpack_modules__: Record<string, unknown>;
/**
 * Webpack's module cache: the SDK routes it through this global (its bundler rewrites the cache's
 * declaration; the reused context's is a proxy that answers with shared modules first). A fresh
 * object per workflow context without the reused context, where nothing is shared or frozen.
 */
const moduleCache = (globalThis as { __webpack_module_cache__?: Record<string, { exports?: unknown } | undefined> }).__webpack_module_cache__;

/** Builds and runs a schema of each kind a workflow uses, so that zod's global settings are filled now; kept by nothing. */
function warmUp(): void {
  const sample = z.strictObject({ s: z.string().trim().regex(/^a$/), n: z.number().int(), e: z.enum(['a']), o: z.array(z.boolean()).optional() });
  const union = z.discriminatedUnion('type', [sample.extend({ type: z.literal('x') }), z.strictObject({ type: z.literal('y') })]);
  const parsed = [sample.safeParse({ s: 'a', n: 1, e: 'a' }), sample.safeParse({ s: 1 }), union.safeParse({ type: 'y' })];
  if (parsed.map((p) => p.success).join() !== 'true,false,true' || z.core.util.allowsEval.value === undefined) throw new Error('zod warm-up');
}

/** A zod schema (or check): shared, not frozen (see above). */
const isSchema = (value: object) => Object.hasOwn(value, '_zod');

/**
 * The SDK's freeze of a preloaded module's exports (`deepFreeze` in reusable-vm.js: every object
 * reachable through own properties, a function frozen without walking it), except that a zod schema
 * is left as it is. The exports object ends frozen, so the SDK's own freeze then skips it.
 */
function freezeExceptSchemas(value: unknown, seen: WeakSet<object>): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || Object.isFrozen(value)) return;
  seen.add(value);
  if (typeof value === 'object') {
    if (isSchema(value)) return;
    for (const key of Reflect.ownKeys(value)) {
      try {
        freezeExceptSchemas((value as Record<PropertyKey, unknown>)[key], seen);
      } catch {
        // As the SDK's: some objects cannot be frozen (typed arrays).
      }
    }
  }
  Object.freeze(value);
}

warmUp();
// Every module evaluated by now is shared: the SDK's cache keeps what is loaded before any workflow exists.
const seen = new WeakSet<object>();
for (const id of Object.keys(__webpack_modules__)) freezeExceptSchemas(moduleCache?.[id]?.exports, seen);
