/**
 * A typed gRPC client for `pulumirpc.ResourceProvider`, speaking to the dynamic-provider host with
 * plain JSON property bags (`google.protobuf.Struct`). Secrets and unknowns are the caller's
 * business: pass what the engine would put on the wire.
 */
import type { Client, ServiceError } from "@grpc/grpc-js";
import { decodeRpcError } from "./errors";
import { SdkModules, loadSdk } from "./sdk";
import { addressed, changed, identified } from "./requestFields";
import { StackSettings, configureArgs, defaultProviderUrn } from "./stack";
import type { CheckFailure } from "./types";
import type { JsonMap } from "./values";

/** How a provider answered Configure. */
export interface ConfigureResult {
  /** Whether the provider accepts secrets (the Node host: false). */
  acceptSecrets: boolean;
  /** Whether Create/Update may be called in preview (the Node host: false). */
  supportsPreview: boolean;
  /** Whether resource references may be sent (the Node host: false). */
  acceptResources: boolean;
  /** Whether output values may be sent (the Node host: false). */
  acceptOutputs: boolean;
}

/** The answer to Check. */
export interface CheckResult {
  /** The checked inputs (what the provider's `check` returned, `__provider` re-attached). */
  inputs: JsonMap;
  /** The failures (empty when the inputs are valid). */
  failures: CheckFailure[];
}

/** The answer to Diff. */
export interface DiffResult {
  /** `some`/`none` as the provider said, `unknown` when it gave no answer (no `diff`, or `changes: undefined`). */
  changes: "unknown" | "none" | "some";
  /** Keys that force a replacement. */
  replaces: string[];
  /** Keys that will not change (the Node host always sends none). */
  stables: string[];
  /** Whether the provider asked for delete-before-replace. */
  deleteBeforeReplace: boolean;
  /** Changed keys, if the provider reported them (the Node host never does). */
  diffs: string[];
}

/** What Diff sends; Update sends it too. */
export interface DiffArgs {
  /** The resource's ID. */
  id: string;
  /** The resource's URN (its name and type are taken from it). */
  urn: string;
  /** The old outputs. */
  olds: JsonMap;
  /** The new checked inputs. */
  news: JsonMap;
  /** The old inputs. */
  oldInputs: JsonMap;
  /** Property paths whose changes are ignored (default none). */
  ignoreChanges?: string[];
}

/** What Update sends. */
export interface UpdateArgs extends DiffArgs {
  /** Whether this is a preview (default false). */
  preview?: boolean;
}

/** The answer to Create. */
export interface CreateResult {
  /** The new resource's ID. */
  id: string;
  /** Its outputs, `__provider` included. */
  properties: JsonMap;
}

/** The answer to Read. */
export interface ReadResult {
  /** The ID; empty when the resource is gone. */
  id: string;
  /** The read outputs, `__provider` included. */
  properties: JsonMap;
  /** Inputs returned by `read` (SDK ≥ 3.216), `__provider` included; absent if it returned none. */
  inputs?: JsonMap;
}

/** The answer to Update. */
export interface UpdateResult {
  /** The new outputs, `__provider` included. */
  properties: JsonMap;
}

/** Options of the client. */
export interface ClientOptions {
  /** Where to resolve `@pulumi/pulumi` (and its gRPC/protobuf copies) from. */
  projectDir?: string;
  /** Deadline of each call in ms (default 60000). */
  callTimeoutMs?: number;
}

type Unary<Req, Res> = (
  request: Req,
  metadata: import("@grpc/grpc-js").Metadata,
  options: Partial<import("@grpc/grpc-js").CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

/** A client of one dynamic-provider host. */
export class ProviderClient {
  private readonly sdk: SdkModules;
  private readonly raw: InstanceType<SdkModules["providerGrpc"]["ResourceProviderClient"]>;
  private readonly callTimeoutMs: number;

  /** Connects to a host listening on `address` (`127.0.0.1:<port>`). */
  constructor(address: string, options: ClientOptions = {}) {
    this.sdk = loadSdk(options.projectDir);
    this.callTimeoutMs = options.callTimeoutMs ?? 60000;
    this.raw = new this.sdk.providerGrpc.ResourceProviderClient(
      address,
      this.sdk.grpc.credentials.createInsecure(),
      // As the engine: no practical limit on message size (`__provider` can be large).
      { "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 },
    );
  }

  private struct(map: JsonMap) {
    return this.sdk.struct.Struct.fromJavaScript(map as Record<string, never>);
  }

  private call<Req, Res>(method: string, fn: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const metadata = new this.sdk.grpc.Metadata();
      const options = { deadline: Date.now() + this.callTimeoutMs };
      fn.call(this.raw, request, metadata, options, (error, response) => {
        if (error) {
          reject(decodeRpcError(this.sdk, method, error));
        } else {
          resolve(response);
        }
      });
    });
  }

  /** GetPluginInfo: the SDK version of the host. */
  async getPluginInfo(): Promise<{ version: string }> {
    const res = await this.call(
      "GetPluginInfo",
      this.raw.getPluginInfo,
      new this.sdk.empty.Empty(),
    );
    return { version: res.getVersion() };
  }

  /**
   * Configure with raw `args` (wire JSON, secrets in the wire secret signature), as the engine
   * configures the default `pulumi-nodejs` provider.
   */
  async configure(args: JsonMap, urn = ""): Promise<ConfigureResult> {
    const req = new this.sdk.provider.ConfigureRequest();
    req.setArgs(this.struct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    if (urn) {
      addressed(req, urn);
    }
    const res = await this.call("Configure", this.raw.configure, req);
    return {
      acceptSecrets: res.getAcceptsecrets(),
      supportsPreview: res.getSupportspreview(),
      acceptResources: res.getAcceptresources(),
      acceptOutputs: res.getAcceptoutputs(),
    };
  }

  /** Configure with the whole stack config of `settings`, the way the engine does. */
  configureStack(settings: StackSettings | undefined): Promise<ConfigureResult> {
    return this.configure(configureArgs(settings), defaultProviderUrn(settings));
  }

  /** Check(urn, olds, news). */
  async check(urn: string, olds: JsonMap, news: JsonMap): Promise<CheckResult> {
    const req = addressed(new this.sdk.provider.CheckRequest(), urn);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    const res = await this.call("Check", this.raw.check, req);
    return {
      inputs: (res.getInputs()?.toJavaScript() ?? {}) as JsonMap,
      failures: res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** Diff: `olds` are the old outputs, `news` the new checked inputs. */
  async diff(args: DiffArgs): Promise<DiffResult> {
    const req = changed(new this.sdk.provider.DiffRequest(), args, (m) => this.struct(m));
    const res = await this.call("Diff", this.raw.diff, req);
    const kinds = this.sdk.provider.DiffResponse.DiffChanges;
    const changes = res.getChanges();
    return {
      changes:
        changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: res.getReplacesList(),
      stables: res.getStablesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
      diffs: res.getDiffsList(),
    };
  }

  /** Create(urn, properties = checked inputs). */
  async create(urn: string, properties: JsonMap, preview = false): Promise<CreateResult> {
    const req = addressed(new this.sdk.provider.CreateRequest(), urn);
    req.setProperties(this.struct(properties));
    req.setPreview(preview);
    const res = await this.call("Create", this.raw.create, req);
    return { id: res.getId(), properties: (res.getProperties()?.toJavaScript() ?? {}) as JsonMap };
  }

  /** Read: `properties` are the prior outputs (empty for an import), `inputs` the prior inputs. */
  async read(args: {
    id: string;
    urn: string;
    properties?: JsonMap;
    inputs?: JsonMap;
  }): Promise<ReadResult> {
    const req = identified(new this.sdk.provider.ReadRequest(), args.id, args.urn);
    if (args.properties) {
      req.setProperties(this.struct(args.properties));
    }
    if (args.inputs) {
      req.setInputs(this.struct(args.inputs));
    }
    const res = await this.call("Read", this.raw.read, req);
    const inputs = res.getInputs()?.toJavaScript() as JsonMap | undefined;
    return {
      id: res.getId(),
      properties: (res.getProperties()?.toJavaScript() ?? {}) as JsonMap,
      ...(inputs ? { inputs } : {}),
    };
  }

  /** Update: `olds` are the old outputs, `news` the new checked inputs. */
  async update(args: UpdateArgs): Promise<UpdateResult> {
    const req = changed(new this.sdk.provider.UpdateRequest(), args, (m) => this.struct(m));
    req.setPreview(args.preview ?? false);
    const res = await this.call("Update", this.raw.update, req);
    return { properties: (res.getProperties()?.toJavaScript() ?? {}) as JsonMap };
  }

  /** Delete: `properties` are the old outputs (their `__provider` is the code that runs). */
  async delete(args: {
    id: string;
    urn: string;
    properties: JsonMap;
    oldInputs: JsonMap;
  }): Promise<void> {
    const req = identified(new this.sdk.provider.DeleteRequest(), args.id, args.urn);
    req.setProperties(this.struct(args.properties));
    req.setOldInputs(this.struct(args.oldInputs));
    await this.call("Delete", this.raw.delete, req);
  }

  /** Closes the channel. */
  close(): void {
    (this.raw as unknown as Client).close();
  }
}
