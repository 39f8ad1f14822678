/**
 * A throwaway dynamic provider for the driver tests, serialized by value into `__provider`.
 *
 * Its "cloud" is a JSON file (path from the stack config key `test:store`) holding the objects it
 * manages and a log of every call, so tests can see which code version ran which method and can
 * change the remote side behind the provider's back (drift, out-of-band delete).
 */
import * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CaptureOptions,
  CaptureResult,
  Engine,
  StackSettings,
  captureProgram,
} from "../../provider/testing";

/** One recorded provider call. */
export interface Call {
  call: string;
  version: string;
  id?: string;
  name?: string;
  /** Input keys that held the unknown sentinel. */
  unknown?: string[];
  /** Extra facts (configure: what the config looked like). */
  detail?: Record<string, unknown>;
}

/** The fake remote side. */
export interface Store {
  objects: Record<string, Record<string, unknown>>;
  calls: Call[];
  next: number;
}

/** How the provider behaves. */
export interface ThingBehavior {
  /** `inputs`: compare inputs with the old outputs; `none`: never a change; `unknown`: no answer. */
  diff?: "inputs" | "none" | "unknown";
  /** Keys whose change forces a replacement. */
  replaceOn?: string[];
  /** Ask for delete-before-replace. */
  deleteBeforeReplace?: boolean;
  /** Make create fail after creating the object, with or without `__provider` in the properties. */
  createFails?: "no" | "partial" | "partial-without-provider" | "plain";
  /** Return `inputs` from read (built from the remote object). */
  readReturnsInputs?: boolean;
  /** An output listed in additionalSecretOutputs by the test: `generated` (a made-up credential). */
  generateSecret?: boolean;
}

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function loadStore(file: string): Store {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Store;
  } catch {
    return { objects: {}, calls: [], next: 1 };
  }
}

function saveStore(file: string, store: Store): void {
  fs.writeFileSync(file, JSON.stringify(store, null, 2));
}

function record(file: string, call: Call): void {
  const store = loadStore(file);
  store.calls.push(call);
  saveStore(file, store);
  // Also on stdout: the host's later stdout lines are the CLI's diagnostics.
  console.log(`thing ${call.version} ${call.call} ${call.name ?? call.id ?? ""}`.trim());
}

function without<T>(map: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k !== key));
}

function unknownKeys(props: Record<string, unknown>): string[] {
  return Object.keys(props).filter((k) => props[k] === UNKNOWN);
}

function userKeys(props: Record<string, unknown>): string[] {
  return Object.keys(props).filter((k) => k !== "__provider" && k !== "generated");
}

/** The provider object the tests serialize. Methods use `this`, so the whole object is captured. */
export interface ThingProvider extends pulumi.dynamic.ResourceProvider {
  version: string;
  behavior: Required<ThingBehavior>;
  store: string;
}

/** Makes a provider whose code carries `version` (a different version is different `__provider` text). */
export function thingProvider(version: string, behavior: ThingBehavior = {}): ThingProvider {
  return {
    version,
    behavior: {
      diff: "inputs",
      replaceOn: [],
      deleteBeforeReplace: false,
      createFails: "no",
      readReturnsInputs: false,
      generateSecret: false,
      ...behavior,
    },
    store: "",
    async configure(req) {
      this.store = req.config.require("test:store");
      const secret = req.config.get("genesyscloud:oauthclientSecret");
      record(this.store, {
        call: "configure",
        version: this.version,
        detail: {
          clientId: req.config.get("genesyscloud:oauthclientId") ?? null,
          region: req.config.get("region") ?? null,
          secretSha256: secret ? crypto.createHash("sha256").update(secret).digest("hex") : null,
        },
      });
    },
    async check(_olds, news) {
      record(this.store, {
        call: "check",
        version: this.version,
        name: news.name,
        unknown: unknownKeys(news),
      });
      if (news.value === "invalid") {
        return { inputs: news, failures: [{ property: "value", reason: "must not be invalid" }] };
      }
      return { inputs: news };
    },
    async diff(id, olds, news) {
      record(this.store, { call: "diff", version: this.version, id, unknown: unknownKeys(news) });
      if (this.behavior.diff === "unknown") {
        return {};
      }
      if (this.behavior.diff === "none") {
        return { changes: false };
      }
      const changed = userKeys(news).filter(
        (k) => JSON.stringify(news[k]) !== JSON.stringify(olds[k]),
      );
      const replaces = changed.filter((k) => this.behavior.replaceOn.includes(k));
      return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: this.behavior.deleteBeforeReplace,
      };
    },
    async create(inputs) {
      const store = loadStore(this.store);
      const id = `thing-${store.next++}`;
      const outs: Record<string, unknown> = { ...inputs, version: this.version };
      delete outs.__provider;
      if (this.behavior.generateSecret) {
        outs.generated = crypto.randomBytes(12).toString("hex");
      }
      store.objects[id] = outs;
      saveStore(this.store, store);
      record(this.store, { call: "create", version: this.version, id, name: inputs.name });
      if (this.behavior.createFails === "plain") {
        saveStore(this.store, { ...store, objects: without(store.objects, id) });
        throw new Error(`create of ${inputs.name} failed`);
      }
      if (this.behavior.createFails !== "no") {
        const properties: Record<string, unknown> = { ...outs };
        if (this.behavior.createFails === "partial") {
          properties.__provider = inputs.__provider;
        }
        throw Object.assign(new Error(`${inputs.name} created but not ready`), {
          id,
          properties,
          reasons: ["role grant failed"],
        });
      }
      return { id, outs };
    },
    async read(id, props) {
      record(this.store, { call: "read", version: this.version, id });
      const remote = loadStore(this.store).objects[id];
      if (!remote) {
        return { id: "" };
      }
      const outs: Record<string, unknown> = { ...props, ...remote };
      if (this.behavior.readReturnsInputs) {
        const inputs: Record<string, unknown> = { ...remote };
        delete inputs.version;
        delete inputs.generated;
        return { id, props: outs, inputs };
      }
      return { id, props: outs };
    },
    async update(id, olds, news) {
      record(this.store, { call: "update", version: this.version, id, name: news.name });
      const store = loadStore(this.store);
      const outs: Record<string, unknown> = { ...news, version: this.version };
      delete outs.__provider;
      if (olds.generated !== undefined) {
        outs.generated = olds.generated;
      }
      store.objects[id] = outs;
      saveStore(this.store, store);
      return { outs };
    },
    async delete(id) {
      record(this.store, { call: "delete", version: this.version, id });
      const store = loadStore(this.store);
      saveStore(this.store, { ...store, objects: without(store.objects, id) });
    },
  };
}

/** A dynamic resource type for the tests. */
export class Thing extends pulumi.dynamic.Resource {
  constructor(
    provider: pulumi.dynamic.ResourceProvider,
    name: string,
    props: Record<string, pulumi.Input<unknown>>,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(provider, name, { ...props }, opts, "test", "Thing");
  }
}

/** The repository root: it has node_modules/@pulumi/pulumi, so it serves as the project dir. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** A temp dir with a store file, and stack settings pointing the provider at it. */
export function makeStack(extra: StackSettings["config"] = {}): {
  dir: string;
  store: string;
  stack: StackSettings;
  read: () => Store;
  calls: (call?: string) => Call[];
  reset: () => void;
  cleanup: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "driver-test-"));
  const store = path.join(dir, "store.json");
  const stack: StackSettings = {
    project: "drv",
    stack: "dev",
    config: { "test:store": store, ...extra },
  };
  const read = (): Store => loadStore(store);
  return {
    dir,
    store,
    stack,
    read,
    calls: (call) => read().calls.filter((c) => call === undefined || c.call === call),
    reset: () => saveStore(store, { ...read(), calls: [] }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Changes the remote object behind the provider's back. */
export function editRemote(
  store: string,
  id: string,
  edit: (obj: Record<string, unknown> | undefined) => Record<string, unknown> | undefined,
): void {
  const data = loadStore(store);
  const next = edit(data.objects[id]);
  const objects = without(data.objects, id);
  saveStore(store, { ...data, objects: next === undefined ? objects : { ...objects, [id]: next } });
}

/** One resource of a test program. */
export interface ThingSpec {
  name: string;
  props?: Record<string, pulumi.Input<unknown>>;
  opts?: pulumi.CustomResourceOptions;
}

/** Captures a program made of `Thing`s (each gets a `name` input equal to its name). */
export function program(
  provider: pulumi.dynamic.ResourceProvider,
  specs: ThingSpec[],
  options: CaptureOptions,
): Promise<CaptureResult> {
  return captureProgram(() => {
    for (const spec of specs) {
      new Thing(provider, spec.name, { name: spec.name, ...spec.props }, spec.opts);
    }
  }, options);
}

/** True once no process with this PID exists (`kill(pid, 0)` fails with ESRCH). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Starts an engine (and its host) and remembers the PIDs of the host's process group. */
export async function startEngine(
  stack: StackSettings,
): Promise<{ engine: Engine; pids: number[] }> {
  const engine = await Engine.start({ projectDir: PROJECT_DIR, stack });
  const pids = (await engine.host?.processGroupPids()) ?? [];
  return { engine, pids };
}

/** Closes the engine and returns the PIDs of its host's group that are still there (none expected). */
export async function stopEngine(engine: Engine, pids: number[]): Promise<number[]> {
  await engine.close();
  return pids.filter((pid) => !isGone(pid));
}

/** A host shared by one test file's tests, and fresh stacks on it. */
export interface SharedHost {
  /** The engine that launched the host (its client talks to the host directly). */
  base(): Engine;
  /** Clears the store's call log and returns an engine with an empty state on the shared host. */
  newStack(): Engine;
}

/**
 * Starts one engine and host for the enclosing file or `describe` before its tests, and after them
 * stops it, removes the stack's temp dir and checks that no process of the host's group is left.
 */
export function withSharedHost(s: ReturnType<typeof makeStack>): SharedHost {
  let base: Engine | undefined;
  let pids: number[] = [];
  beforeAll(async () => {
    ({ engine: base, pids } = await startEngine(s.stack));
  });
  afterAll(async () => {
    const left = base ? await stopEngine(base, pids) : [];
    s.cleanup();
    expect(left).toEqual([]);
  });
  const started = (): Engine => {
    if (!base) throw new Error("the shared host is not started (use it inside a test)");
    return base;
  };
  return {
    base: started,
    newStack: () => {
      s.reset();
      const b = started();
      return new Engine({ client: b.client, host: b.host, stack: s.stack });
    },
  };
}
