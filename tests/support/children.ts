/**
 * Child processes that cannot outlive their test: every run has a deadline set below the jest
 * timeout, after which the child gets SIGTERM and, if it is still there after a grace period,
 * SIGKILL. SIGTERM comes first so that a child driving provider hosts (the demo) can stop them
 * itself: the driver kills its hosts' process groups on SIGTERM, while after a SIGKILL only the
 * hosts' watchdogs would notice, half a second later. Call {@link stopChildren} from `afterEach`
 * or `afterAll`: when jest gives up on a test first, the child is still running.
 */
import { spawn, type ChildProcess } from "child_process";

/** How to run a child. */
export interface ChildOptions {
  /** Working directory. */
  cwd: string;
  /** Environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Deadline of the run in ms; keep it below the test's jest timeout, grace included. */
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL in ms. Default 5000. */
  graceMs?: number;
}

/** How a child ended. */
export interface ChildResult {
  /** Exit code, `null` when a signal ended it. */
  code: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** Everything it wrote to stdout. */
  stdout: string;
  /** Everything it wrote to stderr. */
  stderr: string;
}

const DEFAULT_GRACE_MS = 5000;

/** The children of this test file that have not exited yet, with their grace periods. */
const running = new Map<ChildProcess, number>();

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Runs `command` with `args` (stdin closed, output collected). Resolves however the child exits;
 * rejects when it could not start, or when it missed its deadline (it is then stopped first).
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildResult> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.set(child, graceMs);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let settled = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      void terminate(child, graceMs);
    }, options.timeoutMs);
    const settle = (outcome: () => void): void => {
      clearTimeout(deadline);
      running.delete(child);
      if (!settled) {
        settled = true;
        outcome();
      }
    };
    child.on("error", (err) => settle(() => reject(err)));
    child.on("close", (code, signal) =>
      settle(() => {
        if (timedOut) {
          const what = [command, ...args].join(" ").slice(0, 120);
          reject(
            new Error(
              `${what} did not finish within ${options.timeoutMs} ms and was stopped ` +
                `(${signal ?? `exit ${code}`}); its stderr:\n${stderr}`,
            ),
          );
        } else {
          resolve({ code, signal, stdout, stderr });
        }
      }),
    );
  });
}

/** Stops every child of this test file that is still running (SIGTERM, then SIGKILL). */
export async function stopChildren(): Promise<void> {
  await Promise.all([...running].map(([child, graceMs]) => terminate(child, graceMs)));
}
