/**
 * CPU time and memory of the processes a benchmark runs: the Temporal dev server, the worker and
 * the load generator (this process) are measured separately, from /proc (Linux).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (field 3, the state, first). */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: the fields after it start at the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
}

/**
 * CPU seconds of a process and its children, those running and those ended: PostgreSQL's
 * postmaster and its backends and background processes. A child's time, once it has ended and been
 * waited for, is in the parent's cutime and cstime; a running child's is read from the child.
 */
export function familyCpuSecondsOf(parent: number): number {
  const own = statFields(parent);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]); // utime, stime, cutime, cstime
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) !== parent) continue; // ppid
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // ended between the listing and the read: its time is now the parent's
    }
  }
  return ticks / TICKS_PER_SECOND;
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
  /** CPU seconds each process used since the meter started; `postgres` (the postmaster and its children) on a cluster only. */
  read(): { server: number; worker: number; loadGenerator: number; postgres?: number };
}

/** Starts counting the CPU time of the server, the worker, this process and, on a cluster, PostgreSQL (its postmaster's pid). */
export function cpuMeter(pids: { server: number; worker: number; postgres?: number }): CpuMeter {
  const postgres = pids.postgres;
  const start = {
    server: cpuSecondsOf(pids.server),
    worker: cpuSecondsOf(pids.worker),
    loadGenerator: ownCpuSeconds(),
    postgres: postgres === undefined ? 0 : familyCpuSecondsOf(postgres),
  };
  return {
    read: () => ({
      server: +(cpuSecondsOf(pids.server) - start.server).toFixed(2),
      worker: +(cpuSecondsOf(pids.worker) - start.worker).toFixed(2),
      loadGenerator: +(ownCpuSeconds() - start.loadGenerator).toFixed(2),
      ...(postgres === undefined ? {} : { postgres: +(familyCpuSecondsOf(postgres) - start.postgres).toFixed(2) }),
    }),
  };
}
