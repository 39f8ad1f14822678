/**
 * Helpers for the tests of examples/: where the example projects are, how to run one of their
 * programs under mocks (each capture re-runs the program's module), and how to read a project's
 * files the way the Pulumi CLI does.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as oauthPackage from "pulumi-genesyscloud-oauth";
import {
  captureProgram,
  type CaptureOptions,
  type CaptureResult,
  type CapturedRegistration,
  type ConfigValue,
  type StackSettings,
} from "../../provider/testing";
import {
  readProjectFile,
  readStackFileConfig,
  readYaml,
  type ProjectFile,
} from "../support/pulumi-files";

export { readYaml, type ProjectFile };

/** The repository root: a project directory that resolves the package (root node_modules). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The examples folder. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/** The type token every OAuthClient registers with. */
export const OAUTH_CLIENT_TYPE = "pulumi-nodejs:dynamic/genesys:OAuthClient";

/** What a decrypted `secure:` value of an example stack file becomes in these tests. */
export const SECRET_PLACEHOLDER = "placeholder-secret-from-stack-file";

/** The environment variables of the connection settings, which must not leak in from the shell. */
export const CONNECTION_ENV = [
  "GENESYSCLOUD_OAUTHCLIENT_ID",
  "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  "GENESYSCLOUD_ACCESS_TOKEN",
  "GENESYSCLOUD_REGION",
  "GENESYSCLOUD_API_URL",
  "GENESYSCLOUD_LOGIN_URL",
];

/** The directory of an example project (`quickstart`, `secret-rotation/consumer`, …). */
export function exampleDir(example: string): string {
  return path.join(EXAMPLES_DIR, example);
}

/** The example's Pulumi.yaml. */
export function readProject(example: string): ProjectFile {
  return readProjectFile(exampleDir(example));
}

/**
 * The config of an example's `Pulumi.<stack>.yaml` as the driver's stack config: `secure:` values
 * become secrets (their ciphertext is a placeholder nobody can decrypt), objects JSON text.
 */
export function readStackFile(example: string, stack: string): Record<string, ConfigValue> {
  return readStackFileConfig(exampleDir(example), stack, SECRET_PLACEHOLDER);
}

/** Stack settings for an example: its project name, a stack name and the given config. */
export function exampleStack(
  example: string,
  stack: string,
  config: Record<string, ConfigValue>,
): Required<StackSettings> {
  return { project: readProject(example).name, stack, config };
}

/**
 * A program that loads the example's entry module afresh (a Pulumi program is top-level module
 * code, so a cached module would not register anything the second time) and returns what the
 * Pulumi CLI would take as stack outputs: the awaited result of an exported function, or else the
 * module's exports. Only the example's own module is fresh: it gets the SDK and the package this
 * process already loaded, as a program has one copy of each (and reloading them per run is slow).
 */
export function exampleProgram(example: string): () => unknown {
  const project = readProject(example);
  const entry = path.join(exampleDir(example), project.main ?? "index.ts");
  return () => {
    let loaded: unknown;
    jest.isolateModules(() => {
      jest.doMock("@pulumi/pulumi", () => pulumi);
      jest.doMock("pulumi-genesyscloud-oauth", () => oauthPackage);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy per run
      loaded = require(entry);
    });
    return typeof loaded === "function" ? (loaded as () => unknown)() : loaded;
  };
}

/**
 * Mock outputs like a deployment's: each OAuthClient gets a client id and a secret (the mock
 * engine would otherwise echo the inputs, which have neither); other resources echo their inputs.
 */
export function mockResource(args: pulumi.runtime.MockResourceArgs): {
  id: string;
  state: Record<string, unknown>;
} {
  if (args.type === OAUTH_CLIENT_TYPE) {
    return {
      id: `${args.name}-id`,
      state: {
        ...args.inputs,
        clientId: `${args.name}-id`,
        clientSecret: mockSecret(args.name),
        dateCreated: MOCK_DATE_CREATED,
        providerVersion: "0.1.0",
      },
    };
  }
  return { id: `${args.name}-id`, state: args.inputs };
}

/** The creation date {@link mockResource} gives every OAuthClient. */
export const MOCK_DATE_CREATED = "2026-01-05T10:00:00.000Z";

/** The client secret {@link mockResource} gives the client named `name`. */
export function mockSecret(name: string): string {
  return `mock-secret-of-${name}`;
}

/** Runs an example's program under mocks with the given stack settings. */
export function captureExample(
  example: string,
  stack: StackSettings,
  options: Pick<CaptureOptions, "preview" | "newResource"> = {},
): Promise<CaptureResult> {
  return captureProgram(exampleProgram(example), {
    stack,
    preview: options.preview,
    newResource: options.newResource ?? (options.preview ? undefined : mockResource),
  });
}

/** The registrations of a capture by resource name. */
export function byName(capture: CaptureResult): Record<string, CapturedRegistration> {
  return Object.fromEntries(capture.registrations.map((r) => [r.name, r]));
}

/** The OAuthClient registrations of a capture by resource name (fails on any other type). */
export function oauthClients(capture: CaptureResult): Record<string, CapturedRegistration> {
  const clients = byName(capture);
  for (const r of Object.values(clients)) expect(r.type).toBe(OAUTH_CLIENT_TYPE);
  return clients;
}

/** Every `run:` script of a GitHub Actions workflow, with the job and step it belongs to. */
export function workflowRunScripts(workflow: Workflow): { where: string; script: string }[] {
  return Object.entries(workflow.jobs).flatMap(([jobName, job]) =>
    (job.steps ?? [])
      .filter((s): s is WorkflowStep & { run: string } => typeof s.run === "string")
      .map((s) => ({ where: `${jobName} / ${s.name ?? s.run.slice(0, 40)}`, script: s.run })),
  );
}

/** The parts of a GitHub Actions workflow the tests look at. */
export interface Workflow {
  name?: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

/** A job of a {@link Workflow}. */
export interface WorkflowJob {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string>;
  concurrency?: string | { group: string; "cancel-in-progress"?: boolean };
  strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps?: WorkflowStep[];
}

/** A step of a {@link WorkflowJob}. */
export interface WorkflowStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  shell?: string;
}

/** Reads a workflow file of an example. */
export function readWorkflow(example: string, file: string): Workflow {
  return readYaml(path.join(exampleDir(example), ".github", "workflows", file)) as Workflow;
}
