/** Process-group helpers for the host launcher (POSIX). */
import { execFile } from "child_process";
import * as fs from "fs";

/** Sends a signal, ignoring a process (or group, for a negative PID) that is already gone. */
export function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  if (!Number.isInteger(pid) || pid === 0 || pid === -1) {
    return false;
  }
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") {
      return false;
    }
    throw err;
  }
}

/** Kills a whole process group at once; safe to call from an `exit` handler. */
export function killGroupSync(pgid: number): void {
  if (pgid > 1) {
    signal(-pgid, "SIGKILL");
  }
}

function groupFromProc(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") {
        members.push(Number(entry));
      }
    } catch {
      // The process exited while we were looking.
    }
  }
  return members;
}

function groupFromPs(pgid: number): Promise<number[]> {
  return new Promise((resolve) => {
    execFile("ps", ["-A", "-o", "pid=,pgid=,stat="], (err, stdout) => {
      if (err) {
        resolve([]);
        return;
      }
      const members = stdout
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter(([, group, stat]) => Number(group) === pgid && !stat?.startsWith("Z"))
        .map(([pid]) => Number(pid));
      resolve(members);
    });
  });
}

/**
 * The live (non-zombie) PIDs in a process group: read from /proc on Linux, else from `ps`.
 * Zombies are left out: they no longer run and are only waiting for their parent to reap them.
 */
export async function processGroupMembers(pgid: number): Promise<number[]> {
  if (pgid <= 1) {
    return [];
  }
  return groupFromProc(pgid) ?? groupFromPs(pgid);
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
