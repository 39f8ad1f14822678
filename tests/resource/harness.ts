/**
 * Test harness for the OAuthClient resource: a fresh emulator, the real dynamic-provider host
 * launched from the repository root (where `pulumi-genesyscloud-oauth/host` resolves to dist/, so
 * run `npm run build` after changing provider code), and helpers to capture programs, run them and
 * read what the emulator saw.
 */
import * as path from "path";
import { OAuthClient, type OAuthClientArgs } from "../../provider";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../provider/emulator";
import {
  captureProgram,
  Engine,
  isSecret,
  plain,
  type CaptureResult,
  type JsonMap,
  type OperationResult,
  type PropertyMap,
  type ResourceState,
  type StackSettings,
  type StepResult,
} from "../../provider/testing";

/** The repository root: a project directory laid out like a user's (package in node_modules). */
export const PROJECT_DIR = path.resolve(__dirname, "../..");

/** The connection-setting environment variables the host must not inherit from the test run. */
const CREDENTIAL_ENV = [
  "GENESYSCLOUD_OAUTHCLIENT_ID",
  "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "GENESYSCLOUD_ACCESS_TOKEN",
  "GENESYSCLOUD_REGION",
  "GENESYSCLOUD_API_URL",
  "GENESYSCLOUD_LOGIN_URL",
  "GENESYSCLOUD_OAUTH_NOW",
];

/** OAuth clients a program declares, by resource name. */
export type Clients = Record<string, OAuthClientArgs>;

/** One request the emulator served, as compact data. */
export interface Served {
  method: string;
  path: string;
  status: number;
}

/** A running emulator plus an engine configured to talk to it. */
export interface Harness {
  emulator: RunningEmulator;
  engine: Engine;
  stack: StackSettings;
  /** Captures a program with this harness's stack settings. */
  capture(program: () => unknown, options?: { preview?: boolean }): Promise<CaptureResult>;
  /** `pulumi up` of a program declaring exactly `clients`. */
  up(clients: Clients, options?: { refresh?: boolean }): Promise<OperationResult>;
  /** `pulumi preview` of a program declaring exactly `clients`. */
  preview(clients: Clients, options?: { refresh?: boolean }): Promise<OperationResult>;
  /** `pulumi destroy`. */
  destroy(): Promise<OperationResult>;
  /** Every request the emulator served since the last `clearLog()`, token requests included. */
  requests(): Promise<Served[]>;
  /** API requests the emulator served since the last `clearLog()` (token requests excluded). */
  apiRequests(): Promise<Served[]>;
  /** Clears the emulator's request log. */
  clearLog(): Promise<void>;
  /**
   * More engines on the same emulator, each with its own host (other stack settings), as asked
   * with `HarnessOptions.others`. `reset()` empties their stacks too; `close()` closes them.
   */
  others: Engine[];
  /** Back to an empty org (emulator reset) and empty stacks. */
  reset(): Promise<void>;
  /** Stops every host and the emulator. */
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** Emulator options. */
  emulator?: EmulatorOptions;
  /** Extra environment of the host. */
  env?: Record<string, string | undefined>;
  /** Extra stack config (namespaced keys). */
  extraConfig?: StackSettings["config"];
  /** Leave the credentials out of the stack config (and the host's environment). */
  withoutCredentials?: boolean;
  /** The engine's `--parallel`. */
  parallel?: number;
  /** Settings of more engines to start on the same emulator (the emulator options are ignored). */
  others?: HarnessOptions[];
}

/** A program that declares exactly `clients`. */
export function clientsProgram(clients: Clients): () => void {
  return () => {
    for (const [name, args] of Object.entries(clients)) new OAuthClient(name, args);
  };
}

/** Starts an engine (and its own host) for a stack pointing at `emulator`. */
export async function startEngine(
  emulator: RunningEmulator,
  options: HarnessOptions = {},
): Promise<{ engine: Engine; stack: StackSettings }> {
  const credentials: StackSettings["config"] = options.withoutCredentials
    ? {}
    : {
        "genesyscloud:oauthclientId": emulator.clientId,
        "genesyscloud:oauthclientSecret": { secret: emulator.clientSecret },
      };
  const stack: StackSettings = {
    project: "oauth-tests",
    stack: "dev",
    config: {
      "genesyscloud:apiUrl": emulator.apiUrl,
      ...credentials,
      // Short waits: the emulator answers at once.
      "genesyscloud:retryBaseDelayMs": "20",
      "genesyscloud:deleteWaitMs": "5000",
      ...options.extraConfig,
    },
  };
  const env: Record<string, string | undefined> = Object.fromEntries(
    CREDENTIAL_ENV.map((name) => [name, undefined]),
  );
  const engine = await Engine.start({
    projectDir: PROJECT_DIR,
    stack,
    env: { ...env, ...options.env },
    parallel: options.parallel,
  });
  return { engine, stack };
}

/** Starts an emulator and a host configured with its credentials (the secret as a secret). */
/**
 * The harness lifecycle of a test block: started before its tests (`bind` gets it, so the block
 * keeps its own variable), reset before each test (the block's own `beforeEach` hooks run after
 * the reset), closed after them.
 */
export function withHarness(options: HarnessOptions, bind: (h: Harness) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(options);
    bind(h);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h?.reset();
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options.emulator);
  // Hosts start concurrently; loading the SDK and serializing the provider the first time takes a
  // while too, so that is done meanwhile instead of inside the first test.
  const starting = [options, ...(options.others ?? [])].map((o) => startEngine(emulator, o));
  const warm = captureProgram(
    clientsProgram({ warm: { authorizedGrantType: "CODE", scope: ["users"] } }),
  );
  const [starts, warmed] = await Promise.all([
    Promise.allSettled(starting),
    Promise.allSettled([warm]),
  ]);
  const engines = starts.flatMap((r) => (r.status === "fulfilled" ? [r.value.engine] : []));
  const failure = [...starts, ...warmed].find((r) => r.status === "rejected");
  if (failure || starts[0].status !== "fulfilled") {
    await Promise.all(engines.map((e) => e.close()));
    await emulator.close();
    throw (failure as PromiseRejectedResult).reason;
  }
  const { engine, stack } = starts[0].value;
  const others = engines.slice(1);
  const capture = (program: () => unknown, o: { preview?: boolean } = {}) =>
    captureProgram(program, { stack, preview: o.preview });
  const requests = async (): Promise<Served[]> =>
    (await emulator.admin.requests()).map((r) => ({
      method: r.method,
      path: r.path,
      status: r.status,
    }));
  return {
    emulator,
    engine,
    stack,
    capture,
    up: async (clients, o = {}) => engine.up(await capture(clientsProgram(clients)), o),
    preview: async (clients, o = {}) =>
      engine.preview(await capture(clientsProgram(clients), { preview: true }), o),
    destroy: () => engine.destroy(),
    requests,
    apiRequests: async () => (await requests()).filter((r) => r.path.startsWith("/api/")),
    clearLog: () => emulator.admin.clearRequests(),
    others,
    reset: async () => {
      engines.forEach((e) => e.setState([]));
      await emulator.admin.reset();
    },
    close: async () => {
      await Promise.all(engines.map((e) => e.close()));
      await emulator.close();
    },
  };
}

/** `METHOD path` strings of requests, for compact assertions. */
export function calls(requests: readonly { method: string; path: string }[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

/** The requests that change something (every method but GET). */
export function writes(requests: readonly Served[]): string[] {
  return calls(requests.filter((r) => r.method !== "GET"));
}

/** The single step of an operation for the resource `name`. */
export function stepOf(result: OperationResult, name: string): StepResult {
  const step = result.steps.find((s) => s.name === name);
  if (!step)
    throw new Error(`no step for ${name}: ${JSON.stringify(result.steps.map((s) => s.name))}`);
  return step;
}

/**
 * `[name, op, diffKeys]` of each step, sorted by name. The SDK does not always register resources
 * in the order of the `new` calls, so tests compare steps by name; the sort is stable, so a
 * resource's refresh step stays before its program step.
 */
export function ops(result: OperationResult): [string, string, string[]][] {
  return result.steps
    .map((s): [string, string, string[]] => [s.name, s.op, s.diffKeys])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** The resource `name` in the engine's state (fails the test when it is not there). */
export function resourceOf(engine: Engine, name: string): ResourceState {
  const res = engine.resource(name);
  if (!res) throw new Error(`${name} is not in the state`);
  return res;
}

/** The outputs of `name` as plain JSON (secrets unwrapped). */
export function outputsOf(engine: Engine, name: string): JsonMap {
  return plain(resourceOf(engine, name).outputs);
}

/** The plaintext client secret of `name`, asserting it is stored as a secret. */
export function secretOf(engine: Engine, name: string): string {
  const value = resourceOf(engine, name).outputs.clientSecret;
  if (!isSecret(value) || typeof value.value !== "string") {
    throw new Error(`${name}.clientSecret is not a secret string in the state`);
  }
  return value.value;
}

/** The client id of `name`. */
export function idOf(engine: Engine, name: string): string {
  return resourceOf(engine, name).id;
}

/** Outputs without `__provider`, for readable comparisons. */
export function withoutProvider(outputs: PropertyMap | JsonMap): JsonMap {
  const { __provider: _provider, ...rest } = plain(outputs as PropertyMap);
  return rest;
}

/**
 * Logs in at the emulator's token endpoint with the client-credentials grant (HTTP Basic
 * `clientId:secret`), as an application using the client would. Resolves the status and body.
 */
export async function login(
  emulator: RunningEmulator,
  clientId: string,
  secret: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.loginUrl}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every text a user could see from an operation: step errors, init errors, host lines. */
export function visibleText(result: OperationResult): string {
  return [
    ...result.errors,
    ...result.steps.flatMap((s) => [s.error ?? "", ...(s.initErrors ?? [])]),
    ...result.diagnostics.map((l) => l.text),
  ].join("\n");
}
