/**
 * `npm run bench:lifecycle`: what a case costs on top of Temporal. At each concurrency (1, 5, 10,
 * 25, 50 in flight) three kinds run the same way on fresh stacks (bench/support/throughput.ts):
 * the baseline (one activity, one timer), the matched bare workflow (the case's own activities,
 * timers and updates, nothing else) and the case lifecycle. The report gives all three, the case's
 * figures as ratios to both, and the targets. `--levels 1,5 --window 10 --warmup 3 --runs 3`
 * change the plan; `--cluster` runs it on a Temporal cluster on PostgreSQL instead of the dev server;
 * `--poll query` polls the case's status with a query instead of reading its line in the database.
 */
import { measureKind, method, ratios, throughputOptions } from './support/throughput';
import { printResult, progress, runBenchmark } from './support/report';
import { bundleBenchWorkflows } from './support/worker';

/** The caseworker's updates in one case: request-evidence, proceed-without-evidence, grant. */
const CASE_UPDATES = 3;

runBenchmark(async () => {
  const options = throughputOptions();
  progress('bundling the workflows');
  const bundle = await bundleBenchWorkflows({ compressTime: true });
  const levels = [];
  for (const concurrency of options.levels) {
    const baseline = await measureKind('baseline', concurrency, bundle, options);
    const matched = await measureKind('matched', concurrency, bundle, options);
    const kase = await measureKind('case', concurrency, bundle, options);
    const toBaseline = ratios(kase, baseline);
    const eventsAllowed = +(1.1 * baseline.figures.eventsPerCase.median + CASE_UPDATES).toFixed(1);
    levels.push({
      concurrency,
      baseline,
      matched,
      case: kase,
      ratioToBaseline: toBaseline,
      ratioToMatched: ratios(kase, matched),
      targets: {
        completedPerSecond: { target: '≥ 0.9 of the baseline', ratio: toBaseline.completedPerSecond, met: (toBaseline.completedPerSecond ?? 0) >= 0.9 },
        eventsPerCase: {
          target: `≤ 1.1 × the baseline's + 1 per update (${CASE_UPDATES} updates)`,
          allowed: eventsAllowed,
          measured: kase.figures.eventsPerCase.median,
          met: kase.figures.eventsPerCase.median <= eventsAllowed,
        },
      },
    });
  }
  printResult('case-lifecycle', {
    method: {
      ...method(options),
      case:
        'submission (start), request-evidence (update), two cure reminders and the cure expiry (timers), ' +
        'proceed-without-evidence and grant (updates); receipt, evidence-request, two reminder and the decision notice by SMTP; ' +
        'the grant starts the permit workflow (an activity); the load generator polls the case every 100 ms for the expiry (see poll)',
      matched: "bare workflow with the case's 6 no-op activities, 3 timers (9, 4, 1 days) and 3 no-op updates, driven the same way",
      caseUpdates: CASE_UPDATES,
    },
    levels,
  });
});
