/**
 * The worker's health, for operators: structured JSON logs (one line per entry on stdout) and a
 * Prometheus endpoint with the SDK's runtime metrics plus the case counts by state and overdue,
 * counted through Temporal visibility, so they cover every case, whichever worker runs it.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogEntry } from '@temporalio/worker';
import { applicationMachine } from '../machines/application';
import { leafStates } from '../machines/diagram';
import { APPLICATION_WORKFLOW } from '../workflows/definitions';
import { CASE_OVERDUE, CASE_STATE } from '../workflows/search-attributes';
import type { Config } from '../platform/config';
import { connectionOptions } from '../platform/connection';

const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * One JSON object per log entry: time, level, message, then the SDK's metadata (task queue,
 * workflow id, …). E-mail addresses are masked: the SDK logs activity failures in clear, and a
 * refused recipient's address is personal data that the encrypted history does not show either.
 */
export function jsonLogLine(entry: LogEntry): string {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta ?? {};
  const line = JSON.stringify({ time, level: entry.level, msg: entry.message, ...meta }, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
    return value;
  });
  return line.replace(EMAIL_ADDRESS, '[e-mail]');
}

/**
 * Installs the SDK runtime with JSON logs (the core's own logs forwarded to them) and, unless the
 * address is `off`, the Prometheus exporter. Must run before any connection or worker is created.
 */
export function installTelemetry(
  config: Pick<Config, 'DOSSIER_METRICS_ADDRESS'>,
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): void {
  const metrics = config.DOSSIER_METRICS_ADDRESS === 'off' ? undefined : { prometheus: { bindAddress: config.DOSSIER_METRICS_ADDRESS } };
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => write(jsonLogLine(entry))),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      ...(metrics ? { metrics } : {}),
    },
  });
}

/** The visibility query that counts the cases in one state: running ones, except for final states (their workflow has completed). */
export function stateCountQuery(state: string, final: boolean): string {
  return `WorkflowType = '${APPLICATION_WORKFLOW}' AND ${CASE_STATE.name} = '${state}'${final ? '' : ` AND ExecutionStatus = 'Running'`}`;
}
export const OVERDUE_COUNT_QUERY = `WorkflowType = '${APPLICATION_WORKFLOW}' AND ${CASE_OVERDUE.name} = true AND ExecutionStatus = 'Running'`;

/**
 * Sets the gauges `dossier_cases{state}` and `dossier_cases_overdue` every `intervalSeconds` from
 * visibility counts. With several workers each reports the same numbers: aggregate with max, not sum.
 */
export async function startCaseGauges(config: Config, intervalSeconds: number): Promise<{ stop(): Promise<void> }> {
  const connection = await Connection.connect(connectionOptions(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const meter = Runtime.instance().metricMeter.withTags({ namespace: config.TEMPORAL_NAMESPACE });
  const byState = meter.createGauge('dossier_cases', 'int', '', 'Application cases by state (running ones; completed ones for final states)');
  const overdue = meter.createGauge('dossier_cases_overdue', 'int', '', 'Running application cases whose decision period has passed');
  const states = leafStates(applicationMachine);
  const logger = Runtime.instance().logger;

  const refresh = async () => {
    try {
      for (const { name, final } of states) byState.set((await client.workflow.count(stateCountQuery(name, final))).count, { state: name });
      overdue.set((await client.workflow.count(OVERDUE_COUNT_QUERY)).count);
    } catch (err) {
      // Visibility may be briefly unavailable; the gauges keep their last values until the next round.
      logger.warn('case counts not refreshed', { error: (err as Error).message });
    }
  };
  let running = refresh();
  const timer = setInterval(() => {
    running = running.then(refresh);
  }, intervalSeconds * 1000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await connection.close();
    },
  };
}
