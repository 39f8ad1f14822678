/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and records what the real SDK sends to the
 * engine: every RegisterResource/ReadResource request (type, name, URN, the serialized inputs with
 * `__provider`, secrets, options) and the stack outputs.
 *
 * The mock monitor hands `mocks.newResource` inputs that went through `deserializeProperties`,
 * which pushes secretness up to the top-level key. So the capture reads the raw request Struct
 * instead (`req.getObject()`), where each secret is still wrapped where it was.
 */
import * as pulumi from "@pulumi/pulumi";
import * as serializeClosure from "@pulumi/pulumi/runtime/closure/serializeClosure";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { AsyncLocalStorage } from "async_hooks";
import { StackSettings, engineUrn, projectOf, resolveConfig, stackOf } from "./stack";
import type { Registration, ResourceState } from "./types";
import { PropertyMap, Secret, UNKNOWN, isSecret, mapFromWire, plain, secretPaths } from "./values";

/** How to run the program. */
export interface CaptureOptions {
  /** Project, stack and stack config (passed to `setMocks` and `setAllConfig`). */
  stack?: StackSettings;
  /** Run as a preview (`isDryRun()` true): values the engine does not know yet are unknown. */
  preview?: boolean;
  /** Input keys to mark unknown, by resource name or URN (what a preview sends for pending outputs). */
  unknownInputs?: Readonly<Record<string, readonly string[]>>;
  /** The mock for resource outputs. Default: `{ id: "<name>-id" (none in preview), state: inputs }`. */
  newResource?: (args: pulumi.runtime.MockResourceArgs) => pulumi.runtime.MockResourceResult;
  /** The mock for invokes. Default: returns the arguments. */
  call?: (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;
}

/** A registration captured from the SDK, with derived facts. */
export interface CapturedRegistration extends Registration {
  /** Paths of the inputs that are secret (e.g. `clientSecret`, `nested.token`). */
  secretInputs: string[];
  /** The `__provider` text (plaintext even if the SDK marked it secret). */
  providerText?: string;
  /** The URN the SDK's mock monitor gave the resource (it prefixes the root stack type). */
  mockUrn: string;
}

/** The outcome of a capture. */
export interface CaptureResult {
  /** The custom resources, in the order the SDK registered them. */
  registrations: CapturedRegistration[];
  /** The program's exported stack outputs (secrets as `Secret`). */
  stackOutputs: PropertyMap;
  /** The settings used. */
  stack: StackSettings;
  /** Whether the program ran as a preview. */
  preview: boolean;
}

/** A program failed to serialize a dynamic provider (or failed otherwise during the capture). */
export class CaptureError extends Error {
  /** One message per failure, naming the resource. */
  readonly failures: string[];

  constructor(failures: string[]) {
    super(`the program failed under mocks:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    this.name = "CaptureError";
    this.failures = failures;
  }
}

type SerializeFn = typeof serializeClosure.serializeFunction;
type Callback = (err: unknown, resp: unknown) => void;
interface MockMonitorLike {
  registerResource(req: resproto.RegisterResourceRequest, cb: Callback): void;
  readResource(req: resproto.ReadResourceRequest, cb: Callback): void;
  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, cb: Callback): void;
}

// Text that stands in for a provider that failed to serialize, so the registration still reaches
// the monitor (and names the resource) instead of dying as an unhandled rejection.
const FAILURE_MARK = "// pulumi-genesyscloud-oauth/testing: provider serialization failed\n";
const inCapture = new AsyncLocalStorage<true>();

function failureText(message: string): string {
  return `${FAILURE_MARK}throw new Error(${JSON.stringify(message)});\n`;
}

function failureMessage(text: string | undefined): string | undefined {
  const match = text?.startsWith(FAILURE_MARK)
    ? /^throw new Error\((.*)\);\n$/s.exec(text.slice(FAILURE_MARK.length))
    : null;
  return match ? String(JSON.parse(match[1])) : undefined;
}
let queue: Promise<unknown> = Promise.resolve();

/**
 * Resets the SDK's process-global mock state (monitor, options, stack config), as before any
 * `setMocks`. `captureProgram` calls it when it finishes.
 */
export function resetMocks(): void {
  pulumi.runtime.resetOptions("", "", -1, "", "", false, "");
  pulumi.runtime.setAllConfig({}, []);
}

/**
 * Runs `program` (the body of a Pulumi program; its return value is the stack outputs) under
 * mocks and returns what it registered. Captures run one at a time: the mocks are process-global.
 * Throws `CaptureError` when a dynamic provider cannot be serialized.
 */
export function captureProgram(
  program: () => unknown,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  const run = queue.then(() => captureExclusive(program, options));
  queue = run.catch(() => undefined);
  return run;
}

async function captureExclusive(
  program: () => unknown,
  options: CaptureOptions,
): Promise<CaptureResult> {
  const settings = options.stack ?? {};
  const preview = options.preview ?? false;
  const newResource =
    options.newResource ??
    ((args: pulumi.runtime.MockResourceArgs) => ({
      id: preview ? undefined : `${args.name}-id`,
      state: args.inputs,
    }));
  await pulumi.runtime.setMocks(
    { newResource, call: options.call ?? ((args) => args.inputs) },
    projectOf(settings),
    stackOf(settings),
    preview,
  );
  const config = resolveConfig(settings);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(config.map((c) => [c.key, c.value])),
    config.filter((c) => c.secret).map((c) => c.key),
  );

  const failures: string[] = [];
  let stackOutputs: PropertyMap = {};
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
  const collect = observe(monitor, failures, (outputs) => (stackOutputs = outputs));

  const closure = serializeClosure as unknown as { serializeFunction: SerializeFn };
  const original = closure.serializeFunction;
  closure.serializeFunction = async (func, args) => {
    try {
      return await original(func, args);
    } catch (err) {
      if (!inCapture.getStore()) {
        throw err;
      }
      const message = err instanceof Error ? err.message : String(err);
      return { text: failureText(message), exportName: "handler", containsSecrets: false };
    }
  };
  // A program that throws must reject the capture; inside runInPulumiStack its error would
  // otherwise escape as an unhandled rejection.
  let programError: { error: unknown } | undefined;
  const guarded = async () => {
    try {
      return await program();
    } catch (error) {
      programError = { error };
      return undefined;
    }
  };
  try {
    await inCapture.run(true, () => pulumi.runtime.runInPulumiStack(guarded));
    const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
    await runtime.waitForRPCs?.();
  } finally {
    closure.serializeFunction = original;
    resetMocks();
  }
  if (programError) {
    throw programError.error;
  }
  if (failures.length > 0) {
    throw new CaptureError(failures);
  }
  return {
    registrations: markUnknown(collect(), options.unknownInputs ?? {}),
    stackOutputs,
    stack: settings,
    preview,
  };
}

/**
 * Wraps the mock monitor's RPC handlers to record each request. Entries are kept in the order the
 * requests arrive (the order the engine would process them), filled in when the mock answers.
 */
function observe(
  monitor: MockMonitorLike,
  failures: string[],
  setStackOutputs: (outputs: PropertyMap) => void,
): () => CapturedRegistration[] {
  const slots: (CapturedRegistration | undefined)[] = [];
  const register = monitor.registerResource.bind(monitor);
  const read = monitor.readResource.bind(monitor);
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  let stackUrn = "";

  const record = (
    slot: number,
    base: Omit<CapturedRegistration, "secretInputs" | "providerText">,
  ) => {
    const providerValue = base.inputs.__provider;
    const plainProvider = isSecret(providerValue) ? providerValue.value : providerValue;
    const providerText = typeof plainProvider === "string" ? plainProvider : undefined;
    const failure = failureMessage(providerText);
    if (failure !== undefined) {
      failures.push(
        `resource "${base.name}" [${base.type}]: error serializing property "__provider": ${failure}`,
      );
    }
    slots[slot] = { ...base, secretInputs: secretPaths(base.inputs), providerText };
  };

  monitor.registerResource = (req, cb) => {
    const slot = slots.push(undefined) - 1;
    register(req, (err, resp) => {
      const mockUrn = (resp as resproto.RegisterResourceResponse | undefined)?.getUrn() ?? "";
      if (!err && req.getType() === "pulumi:pulumi:Stack") {
        stackUrn = mockUrn;
      } else if (!err && req.getCustom()) {
        const deps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
          deps[key] = value.getUrnsList().map(engineUrn);
        });
        record(slot, {
          type: req.getType(),
          name: req.getName(),
          urn: engineUrn(mockUrn),
          mockUrn,
          inputs: mapFromWire(req.getObject()?.toJavaScript() ?? {}),
          parent:
            req.getParent() && req.getParent() !== stackUrn
              ? engineUrn(req.getParent())
              : undefined,
          importId: req.getImportid() || undefined,
          dependencies: req.getDependenciesList().map(engineUrn),
          propertyDependencies: deps,
          protect: req.getProtect() ?? false,
          ignoreChanges: req.getIgnorechangesList(),
          replaceOnChanges: req.getReplaceonchangesList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          deleteBeforeReplace: req.getDeletebeforereplacedefined()
            ? req.getDeletebeforereplace()
            : undefined,
          retainOnDelete: req.getRetainondelete() ?? undefined,
        });
      }
      cb(err, resp);
    });
  };
  monitor.readResource = (req, cb) => {
    const slot = slots.push(undefined) - 1;
    read(req, (err, resp) => {
      if (!err) {
        const mockUrn = (resp as resproto.ReadResourceResponse | undefined)?.getUrn() ?? "";
        record(slot, {
          type: req.getType(),
          name: req.getName(),
          urn: engineUrn(mockUrn),
          mockUrn,
          inputs: mapFromWire(req.getProperties()?.toJavaScript() ?? {}),
          parent:
            req.getParent() && req.getParent() !== stackUrn
              ? engineUrn(req.getParent())
              : undefined,
          readId: req.getId(),
          dependencies: req.getDependenciesList().map(engineUrn),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        });
      }
      cb(err, resp);
    });
  };
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn() === stackUrn) {
      setStackOutputs(mapFromWire(req.getOutputs()?.toJavaScript() ?? {}));
    }
    registerOutputs(req, cb);
  };
  return () => slots.filter((slot): slot is CapturedRegistration => slot !== undefined);
}

/**
 * Returns the registrations with the given input keys replaced by the unknown sentinel, keyed by
 * resource name or URN: what the engine sends in a preview for inputs that depend on outputs not
 * known yet. A secret input stays secret.
 */
export function markUnknown<T extends Registration>(
  registrations: readonly T[],
  unknownInputs: Readonly<Record<string, readonly string[]>>,
): T[] {
  return registrations.map((reg) => {
    const keys = [...(unknownInputs[reg.name] ?? []), ...(unknownInputs[reg.urn] ?? [])];
    if (keys.length === 0) {
      return reg;
    }
    const inputs: PropertyMap = { ...reg.inputs };
    for (const key of keys) {
      inputs[key] = isSecret(inputs[key]) ? new Secret(UNKNOWN) : UNKNOWN;
    }
    return { ...reg, inputs };
  });
}

/**
 * A `newResource` mock that answers with the ids and outputs the emulated engine holds for the
 * resources of `state` (by name), so a capture of the program sees real outputs and its stack
 * outputs are what `pulumi up` would export. Resources not in the state get their inputs back.
 */
export function mockFromState(
  state: readonly ResourceState[],
): (args: pulumi.runtime.MockResourceArgs) => pulumi.runtime.MockResourceResult {
  return (args) => {
    const known = state.find((r) => r.name === args.name && r.type === args.type);
    if (!known) return { id: `${args.name}-id`, state: args.inputs };
    const { __provider: _provider, ...outputs } = plain(known.outputs);
    return { id: known.id, state: outputs };
  };
}
