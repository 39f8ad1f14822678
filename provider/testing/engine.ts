/**
 * A small in-memory stack driven like the Pulumi engine drives a dynamic provider: `preview`, `up`,
 * `refresh`, `destroy` and `.get()` reads, over gRPC to the real dynamic-provider host.
 */
import { randomUUID } from "crypto";
import type { CaptureResult } from "./capture";
import { ProviderClient } from "./client";
import { HostOptions, ProviderHost, launchHost } from "./host";
import { buildSnapshot, StateSnapshot } from "./snapshot";
import { StackSettings, resolveConfig, resourceUrn } from "./stack";
import { deleteAll, refreshAll, runProgram } from "./deployment";
import { readStep } from "./stateSteps";
import type { StepContext } from "./stepKit";
import type {
  OperationKind,
  OperationResult,
  Registration,
  ResourceState,
  RpcCall,
  StepOp,
  StepResult,
} from "./types";
import { PropertyMap, secretStrings } from "./values";

/** Options of `Engine.start`: how to launch the host, plus the stack and parallelism. */
export interface EngineOptions extends Omit<HostOptions, "stack"> {
  /** Project, stack and stack config (the host's env and the Configure call). */
  stack?: StackSettings;
  /** How many resource steps may run at once (the CLI's `--parallel`). Default unbounded. */
  parallel?: number;
  /** Deadline of each RPC in ms (default 60000). */
  callTimeoutMs?: number;
}

/** Options of `preview` and `up`. */
export interface ProgramOptions {
  /** Refresh first (`--refresh`): Read every resource in the state with the code in the state. */
  refresh?: boolean;
}

/** The program to deploy: registrations, or a capture (whose stack outputs are then kept). */
export type Program = readonly Registration[] | CaptureResult;

/** The emulated engine and its stack state. */
export class Engine {
  /** The host, when the engine was given or launched one (its lines become diagnostics). */
  readonly host: ProviderHost | undefined;
  /** The client of the host. */
  readonly client: ProviderClient;
  /** The stack settings. */
  readonly stack: StackSettings;
  private readonly parallel: number;
  private readonly ownsHost: boolean;
  private readonly providerId = randomUUID();
  private resources: ResourceState[] = [];
  private outputs: PropertyMap = {};
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Wraps an already configured client (and optionally its host, for diagnostics). Use
   * `Engine.start` to launch and configure a host owned by the engine.
   */
  constructor(args: {
    client: ProviderClient;
    host?: ProviderHost;
    stack?: StackSettings;
    parallel?: number;
    ownsHost?: boolean;
  }) {
    this.client = args.client;
    this.host = args.host;
    this.stack = args.stack ?? {};
    this.parallel = args.parallel ?? Number.POSITIVE_INFINITY;
    this.ownsHost = args.ownsHost ?? false;
  }

  /**
   * Launches the host in `projectDir` and configures it like the engine (GetPluginInfo, then
   * Configure with the whole stack config). The engine owns the host: `close()` stops it.
   */
  static async start(options: EngineOptions): Promise<Engine> {
    const host = await launchHost(options);
    try {
      const client = new ProviderClient(host.address, {
        projectDir: options.projectDir,
        callTimeoutMs: options.callTimeoutMs,
      });
      await client.getPluginInfo();
      await client.configureStack(options.stack);
      return new Engine({
        client,
        host,
        stack: options.stack,
        parallel: options.parallel,
        ownsHost: true,
      });
    } catch (err) {
      await host.close();
      throw err;
    }
  }

  /** The resources in the state, in state order. */
  get state(): readonly ResourceState[] {
    return [...this.resources];
  }

  /** The resource with this name or URN, if it is in the state. */
  resource(nameOrUrn: string): ResourceState | undefined {
    return this.resources.find((r) => r.urn === nameOrUrn || r.name === nameOrUrn);
  }

  /** The stack outputs recorded by the last successful `up` of a captured program. */
  get stackOutputs(): PropertyMap {
    return { ...this.outputs };
  }

  /** Replaces the state (e.g. to continue a stack in another engine). */
  setState(resources: readonly ResourceState[]): void {
    this.resources = [...resources];
  }

  /**
   * Every plaintext value the stack holds as a secret (secret stack config, secrets in the state
   * and the stack outputs), for `formatSteps(result, { mask: engine.knownSecrets() })` or for
   * scanning logs.
   */
  knownSecrets(): string[] {
    const fromConfig = resolveConfig(this.stack)
      .filter((entry) => entry.secret && entry.value !== "")
      .map((entry) => entry.value);
    const fromState = this.resources.flatMap((r) => [
      ...secretStrings(r.inputs),
      ...secretStrings(r.outputs),
    ]);
    return [...new Set([...fromConfig, ...fromState, ...secretStrings(this.outputs)])];
  }

  /** What would be written to the state file; secret values are replaced by a ciphertext placeholder. */
  stateSnapshot(): StateSnapshot {
    return buildSnapshot(this.stack, this.providerId, this.resources, this.outputs);
  }

  /** `pulumi preview` (`--refresh` with `{ refresh: true }`): Check and Diff only; nothing is kept. */
  preview(program: Program, options: ProgramOptions = {}): Promise<OperationResult> {
    return this.operation("preview", true, (ctx) => this.deploy(ctx, program, options));
  }

  /** `pulumi up` (`--refresh` with `{ refresh: true }`). */
  up(program: Program, options: ProgramOptions = {}): Promise<OperationResult> {
    const outputs = "registrations" in program ? program.stackOutputs : undefined;
    return this.operation("up", false, (ctx) => this.deploy(ctx, program, options), outputs);
  }

  /** `pulumi refresh` (`--preview-only` with `{ preview: true }`). */
  refresh(options: { preview?: boolean } = {}): Promise<OperationResult> {
    return this.operation("refresh", options.preview ?? false, async (ctx) => {
      const { steps, next } = await refreshAll(ctx, this.resources, this.parallel);
      if (!ctx.preview) {
        this.resources = next;
      }
      return steps;
    });
  }

  /**
   * `pulumi destroy` (`--preview-only` with `{ preview: true }`): deletes dependents first,
   * independent resources concurrently (up to `parallel`).
   */
  destroy(options: { preview?: boolean } = {}): Promise<OperationResult> {
    return this.operation("destroy", options.preview ?? false, async (ctx) => {
      const { steps, remaining } = await deleteAll(
        ctx,
        this.resources,
        new Set(this.resources),
        this.parallel,
      );
      if (!ctx.preview) {
        this.resources = remaining;
        if (remaining.length === 0) {
          this.outputs = {};
        }
      }
      return steps;
    });
  }

  /** A `.get()` read (`new X(name, inputs, { id })`): `inputs` must include `__provider`. */
  get(type: string, name: string, id: string, inputs: PropertyMap): Promise<OperationResult> {
    const reg: Registration = {
      type,
      name,
      urn: resourceUrn(this.stack, type, name),
      inputs,
      readId: id,
    };
    return this.operation("get", false, async (ctx) => {
      const outcome = await readStep(ctx, reg);
      if (outcome.state) {
        this.resources = [...this.resources.filter((r) => r.urn !== reg.urn), outcome.state];
      }
      return [outcome.step];
    });
  }

  /** Stops the client, and the host if the engine owns it. */
  async close(): Promise<void> {
    this.client.close();
    if (this.ownsHost) {
      await this.host?.close();
    }
  }

  private operation(
    kind: OperationKind,
    preview: boolean,
    body: (ctx: StepContext) => Promise<StepResult[]>,
    stackOutputs?: PropertyMap,
  ): Promise<OperationResult> {
    const run = this.queue.then(async (): Promise<OperationResult> => {
      const mark = this.host?.mark() ?? 0;
      const rpcs: RpcCall[] = [];
      const steps = await body({ client: this.client, preview, rpcs });
      await this.host?.drain();
      const summary: Partial<Record<StepOp, number>> = {};
      // As in the CLI's summary, a failed step counts for nothing.
      for (const step of steps.filter((st) => st.error === undefined)) {
        summary[step.op] = (summary[step.op] ?? 0) + 1;
      }
      const errors = steps.filter((s) => s.error !== undefined).map((s) => `${s.urn}: ${s.error}`);
      return {
        operation: kind,
        preview,
        steps,
        summary,
        ok: errors.length === 0,
        errors,
        diagnostics: this.host?.linesSince(mark) ?? [],
        rpcs,
        ...(stackOutputs ? { stackOutputs } : {}),
      };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async deploy(
    ctx: StepContext,
    program: Program,
    options: ProgramOptions,
  ): Promise<StepResult[]> {
    const registrations = "registrations" in program ? program.registrations : program;
    let current = this.resources;
    const steps: StepResult[] = [];
    if (options.refresh) {
      const refreshed = await refreshAll(ctx, current, this.parallel);
      steps.push(...refreshed.steps);
      current = refreshed.next;
      if (refreshed.steps.some((s) => s.error)) {
        return steps;
      }
    }
    const run = await runProgram(ctx, registrations, current, this.parallel);
    steps.push(...run.steps);
    if (!ctx.preview) {
      this.resources = run.next;
      if ("registrations" in program && run.ok) {
        this.outputs = program.stackOutputs;
      }
    }
    return steps;
  }
}
