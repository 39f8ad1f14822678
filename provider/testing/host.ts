/**
 * Launches the dynamic-provider host shipped in `@pulumi/pulumi` the way the engine does, and makes
 * sure it never outlives the test run: every host runs in its own process group, is tracked, and is
 * killed on `close()`, `closeAllHosts()`, process exit, SIGINT/SIGTERM/SIGHUP, and (through a small
 * `--require`d watchdog) when the driver process dies without running any handler.
 */
import { ChildProcess, spawn } from "child_process";
import type { Socket } from "net";
import * as path from "path";
import { resolveSdkDir } from "./sdk";
import { StackSettings, projectOf, resolveConfig } from "./stack";
import { beginLaunch, endLaunch, track, trackedHosts, untrack, watchdogFile } from "./hostRegistry";
import { processGroupMembers, signal, waitUntil } from "./processes";

/** A line the host printed after its port: the CLI shows these as diagnostics. */
export interface HostLine {
  /** The stream the line came from. */
  stream: "stdout" | "stderr";
  /** The line, without its newline. */
  text: string;
}

/** How to launch the host. */
export interface HostOptions {
  /** The project directory: the host's cwd, from which `@pulumi/pulumi` and `require()`s resolve. */
  projectDir: string;
  /** Project and stack config: sets `PULUMI_NODEJS_PROJECT`, `PULUMI_PROJECT`, `PULUMI_CONFIG`. */
  stack?: StackSettings;
  /** Extra environment variables for the host (on top of this process's environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * `wrapper` (default): the `pulumi-resource-pulumi-nodejs` sh wrapper in the project's
   * `@pulumi/pulumi`, exactly what the engine runs; it resolves the SDK from the cwd and forks
   * node. `node`: node on `@pulumi/pulumi/cmd/dynamic-provider` resolved from the project dir;
   * one process less (faster start) and it also works where there is no `sh`.
   */
  launcher?: "wrapper" | "node";
  /** The engine address passed as argv[2]: required by the host, never contacted. */
  engineAddress?: string;
  /** How long to wait for the port line. Default 20000 ms. */
  startTimeoutMs?: number;
  /** Make the host exit by itself if this process dies (default true; see README). */
  watchdog?: boolean;
}

/** A running dynamic-provider host. */
export class ProviderHost {
  /** The process-group ID (the PID of the launched process, the group leader). */
  readonly pgid: number;
  /** The port the host listens on (127.0.0.1). */
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** The command line that was run. */
  readonly command: readonly string[];
  private readonly child: ChildProcess;
  private readonly captured: HostLine[];
  private closing: Promise<void> | undefined;

  /** @internal Use `launchHost`. */
  constructor(child: ChildProcess, port: number, command: string[], captured: HostLine[]) {
    this.child = child;
    this.pgid = child.pid ?? -1;
    this.port = port;
    this.address = `127.0.0.1:${port}`;
    this.command = command;
    this.captured = captured;
  }

  /** All lines the host printed after the port line so far. */
  get lines(): readonly HostLine[] {
    return this.captured;
  }

  /** A position in `lines`, for `linesSince`. */
  mark(): number {
    return this.captured.length;
  }

  /** The lines printed since `mark`. */
  linesSince(mark: number): HostLine[] {
    return this.captured.slice(mark);
  }

  /** True once the launched process has exited. */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /**
   * Lets output the host wrote before answering an RPC reach `lines`: the pipe and the gRPC
   * socket are separate channels, so this waits for the event loop to poll them once more.
   */
  async drain(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The PIDs in the host's process group (the wrapper and the node it forked). */
  processGroupPids(): Promise<number[]> {
    return processGroupMembers(this.pgid);
  }

  /**
   * Stops the host and everything it forked. The forked node is stopped first so that the
   * wrapper reaps it (no zombie left for init), then the whole group is killed to be sure.
   */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    try {
      if (!this.exited) {
        const members = (await this.processGroupPids()).filter((pid) => pid !== this.pgid);
        members.forEach((pid) => signal(pid, "SIGTERM"));
        if (members.length === 0) {
          signal(-this.pgid, "SIGTERM");
        }
        if (!(await this.waitExit(5000))) {
          signal(-this.pgid, "SIGKILL");
          await this.waitExit(5000);
        }
      }
      signal(-this.pgid, "SIGKILL");
      await waitUntil(async () => (await this.processGroupPids()).length === 0, 5000);
    } finally {
      untrack(this);
    }
  }

  private waitExit(timeoutMs: number): Promise<boolean> {
    if (this.exited) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** The hosts launched by this process that have not been closed. */
export function liveHosts(): ProviderHost[] {
  return trackedHosts().filter((host): host is ProviderHost => host instanceof ProviderHost);
}

/** Closes every live host. */
export async function closeAllHosts(): Promise<void> {
  await Promise.all(liveHosts().map((host) => host.close()));
}

function hostCommand(options: HostOptions): string[] {
  const engineAddress = options.engineAddress ?? "127.0.0.1:0";
  const sdkDir = resolveSdkDir(options.projectDir);
  if ((options.launcher ?? "wrapper") === "wrapper") {
    return [path.join(sdkDir, "pulumi-resource-pulumi-nodejs"), engineAddress];
  }
  return [process.execPath, path.join(sdkDir, "cmd", "dynamic-provider"), engineAddress];
}

function hostEnv(options: HostOptions): NodeJS.ProcessEnv {
  const project = projectOf(options.stack);
  // The engine passes only the `pulumi-nodejs:*` keys in PULUMI_CONFIG; the rest reaches the
  // provider through Configure.
  const nodejsConfig: Record<string, string> = {};
  for (const entry of resolveConfig(options.stack)) {
    if (entry.key.startsWith("pulumi-nodejs:")) {
      nodejsConfig[entry.key] = entry.value;
    }
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_NODEJS_PROJECT: project,
    PULUMI_PROJECT: project,
    PULUMI_CONFIG: JSON.stringify(nodejsConfig),
  };
  if (options.watchdog ?? true) {
    const preload = `--require ${JSON.stringify(watchdogFile())}`;
    env.NODE_OPTIONS = env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${preload}` : preload;
    env.PULUMI_TESTING_DRIVER_PID = String(process.pid);
  }
  // An `undefined` in options.env removes the variable.
  const merged = { ...env, ...options.env };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}

/**
 * Starts the host with cwd = the project directory and resolves once it printed its port.
 * Fails with the captured stderr if it exits first or does not print a port in time.
 */
export async function launchHost(options: HostOptions): Promise<ProviderHost> {
  beginLaunch();
  try {
    return await startHost(options);
  } finally {
    endLaunch();
  }
}

function startHost(options: HostOptions): Promise<ProviderHost> {
  const command = hostCommand(options);
  const timeoutMs = options.startTimeoutMs ?? 20000;
  const child = spawn(command[0], command.slice(1), {
    cwd: options.projectDir,
    env: hostEnv(options),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const captured: HostLine[] = [];
  const stderrBeforePort: string[] = [];
  let host: ProviderHost | undefined;

  return new Promise<ProviderHost>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      const stderr = stderrBeforePort.join("\n").trim() || "(empty)";
      if (child.pid !== undefined) {
        signal(-child.pid, "SIGKILL");
      }
      reject(
        new Error(
          `dynamic-provider host ${why} (command: ${command.join(" ")}; cwd: ` +
            `${options.projectDir}).\nhost stderr:\n${stderr}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);

    onLines(child.stdout, (text) => {
      if (host === undefined) {
        const port = Number(text.trim());
        if (!Number.isInteger(port) || port <= 0) {
          fail(`printed "${text}" instead of its port`);
          return;
        }
        clearTimeout(timer);
        host = new ProviderHost(child, port, command, captured);
        track(host);
        // A host left running must not keep this process alive: when the process exits, the
        // exit handler kills it. Pending RPCs keep the process alive on their own.
        child.unref();
        for (const stream of [child.stdout, child.stderr]) {
          (stream as Partial<Socket> | null)?.unref?.();
        }
        resolve(host);
      } else {
        captured.push({ stream: "stdout", text });
      }
    });
    onLines(child.stderr, (text) => {
      if (host === undefined) {
        stderrBeforePort.push(text);
      } else {
        captured.push({ stream: "stderr", text });
      }
    });
    child.once("error", (err) => fail(`could not be started: ${err.message}`));
    child.once("exit", (code, sig) => {
      if (host === undefined) {
        // Let the streams deliver the last stderr lines before reporting.
        setImmediate(() => fail(`exited before printing its port (code ${code}, signal ${sig})`));
      }
    });
  });
}

function onLines(stream: NodeJS.ReadableStream | null, handle: (line: string) => void): void {
  if (!stream) {
    return;
  }
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      handle(buffered.slice(0, newline).replace(/\r$/, ""));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
    }
  });
  stream.on("end", () => {
    if (buffered !== "") {
      handle(buffered);
      buffered = "";
    }
  });
}
