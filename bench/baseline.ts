/**
 * `npm run bench:baseline`: the reference every orchestration figure is divided by. A bare
 * workflow (one no-op activity, one timer, one no-op update) on the dev server, closed loop at
 * 1, 5, 10, 25 and 50 in flight; completed workflows per second, update round trips, history
 * events and CPU per workflow. `--levels 1,5 --window 10 --warmup 3 --runs 3` to change the plan.
 */
import { measureKind, method, throughputOptions } from './support/throughput';
import { printResult, progress, runBenchmark } from './support/report';
import { bundleBenchWorkflows } from './support/worker';

runBenchmark(async () => {
  const options = throughputOptions();
  progress('bundling the workflows');
  const bundle = await bundleBenchWorkflows({ compressTime: true });
  const levels = [];
  for (const concurrency of options.levels) levels.push({ concurrency, baseline: await measureKind('baseline', concurrency, bundle, options) });
  printResult('baseline', { method: method(options), levels });
});
