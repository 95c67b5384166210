/** A one-line description of the machine a benchmark ran on, for the figures to be comparable. */
import { cpus, release, totalmem, type as osType } from 'node:os';
import { readFileSync } from 'node:fs';

/** What the benchmark figures depend on. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
}

/** Reads the CPU model, core count, memory, OS and Node version. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpu: (list[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: list.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osRelease() ?? osType()} (kernel ${release()})`,
    node: process.version,
  };
}

/** `PRETTY_NAME` of /etc/os-release, when there is one. */
function osRelease(): string | undefined {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

/** `Intel Xeon … · 4 cores · 15.6 GiB · Debian 12 (kernel …) · Node v24.…`. */
export function machineLine(info: MachineInfo): string {
  return `${info.cpu} · ${info.cores} cores · ${info.memoryGb} GiB RAM · ${info.os} · Node ${info.node}`;
}
