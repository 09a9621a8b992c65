/**
 * CPU time and memory of the processes a benchmark runs: the Temporal dev server, the worker and
 * the load generator (this process) are measured separately, from /proc (Linux).
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
}

/** Resident memory of a process in MiB (VmRSS). */
export function residentMiBOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return +(kib / 1024).toFixed(1);
}

/** This process's CPU seconds (user + system). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface CpuMeter {
  /** CPU seconds each process used since the meter started. */
  read(): { server: number; worker: number; loadGenerator: number };
}

/** Starts counting the CPU time of the server, the worker and this process. */
export function cpuMeter(pids: { server: number; worker: number }): CpuMeter {
  const start = { server: cpuSecondsOf(pids.server), worker: cpuSecondsOf(pids.worker), loadGenerator: ownCpuSeconds() };
  return {
    read: () => ({
      server: +(cpuSecondsOf(pids.server) - start.server).toFixed(2),
      worker: +(cpuSecondsOf(pids.worker) - start.worker).toFixed(2),
      loadGenerator: +(ownCpuSeconds() - start.loadGenerator).toFixed(2),
    }),
  };
}
