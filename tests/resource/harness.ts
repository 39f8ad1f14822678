/**
 * Test harness for the OAuthClient resource: a fresh emulator, the real dynamic-provider host
 * launched from the repository root (where `pulumi-genesyscloud-oauth/host` resolves to dist/),
 * and helpers to capture programs and read the emulator's request log.
 */
import * as path from "path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../provider/emulator";
import {
  captureProgram,
  Engine,
  type CaptureResult,
  type OperationResult,
  type StackSettings,
} from "../../provider/testing";

/** The repository root: a project directory laid out like a user's (package in node_modules). */
export const PROJECT_DIR = path.resolve(__dirname, "../..");

/** A running emulator plus an engine configured to talk to it. */
export interface Harness {
  emulator: RunningEmulator;
  engine: Engine;
  stack: StackSettings;
  /** Captures a program with this harness's stack settings. */
  capture(program: () => unknown, options?: { preview?: boolean }): Promise<CaptureResult>;
  /** API requests the emulator served since the last `clearLog()` (token requests excluded). */
  apiRequests(): Promise<{ method: string; path: string; status: number }[]>;
  /** Clears the emulator's request log. */
  clearLog(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
  extraConfig?: StackSettings["config"];
  parallel?: number;
}

/** Starts an emulator and a host configured with its credentials (the secret as a secret). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options.emulator);
  const stack: StackSettings = {
    project: "oauth-tests",
    stack: "dev",
    config: {
      "genesyscloud:apiUrl": emulator.apiUrl,
      "genesyscloud:oauthclientId": emulator.clientId,
      "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
      ...options.extraConfig,
    },
  };
  let engine: Engine;
  try {
    engine = await Engine.start({
      projectDir: PROJECT_DIR,
      stack,
      env: { GENESYSCLOUD_RETRY_BASE_DELAY_MS: "20", ...options.env },
      parallel: options.parallel,
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  return {
    emulator,
    engine,
    stack,
    capture: (program, o = {}) => captureProgram(program, { stack, preview: o.preview }),
    apiRequests: async () =>
      (await emulator.admin.requests()).filter((r) => r.path.startsWith("/api/")),
    clearLog: () => emulator.admin.clearRequests(),
    close: async () => {
      await engine.close();
      await emulator.close();
    },
  };
}

/** `METHOD path` strings of requests, for compact assertions. */
export function calls(requests: { method: string; path: string }[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

/** The single step of an operation for the resource `name`. */
export function stepOf(result: OperationResult, name: string) {
  const step = result.steps.find((s) => s.name === name);
  if (!step)
    throw new Error(`no step for ${name}: ${JSON.stringify(result.steps.map((s) => s.name))}`);
  return step;
}
