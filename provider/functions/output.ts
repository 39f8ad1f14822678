/**
 * The `…Output` form of the lookups: arguments as `pulumi.Input`s (each field may be an Output),
 * the result as a `pulumi.Output`, like the `getXOutput` functions of every Pulumi SDK. The
 * lookup runs once every argument is known (during a preview too), so it can wait on resources
 * of the same stack. Secret arguments make the result secret; secret settings do not, because
 * the credentials never appear in a result.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionSettings } from "../api/settings";
import type { LookupOptions, SettingOverrides } from "./connection";
import type { PollOptions } from "./pollOptions";

/** {@link SettingOverrides} whose values may be Outputs (e.g. `config.requireSecret(...)`). */
export type SettingOverridesInput = {
  [K in keyof SettingOverrides]?: pulumi.Input<SettingOverrides[K]>;
};

/** Options of the `…Output` lookups: as {@link LookupOptions}, with settings that may be Outputs. */
export interface LookupOutputOptions {
  /**
   * Complete `ConnectionSettings` or stack config overrides; each may be (or contain) Outputs.
   * Default: the stack's `genesyscloud:*` config, then the `GENESYSCLOUD_*` environment variables.
   */
  settings?: pulumi.Input<ConnectionSettings> | SettingOverridesInput;
  /** HTTP options (timeouts, retries, request hook) of the connection. */
  http?: LookupOptions["http"];
  /** An API client to use as it is. */
  api?: LookupOptions["api"];
  /** How to wait for usage queries (only the usage lookups poll). */
  poll?: PollOptions;
}

/**
 * Runs `run` (a plain lookup) once `args` and the settings are known; its result as an Output.
 * Only `args` and `settings` are unwrapped: `api`, `http` and `poll` hold functions and class
 * instances that must reach the lookup untouched.
 */
export function lookupOutput<A, O extends LookupOptions, R>(
  args: A,
  opts: (Omit<O, "settings"> & LookupOutputOptions) | undefined,
  run: (args: pulumi.Unwrap<A>, opts: O) => Promise<R>,
): pulumi.Output<R> {
  const { settings, ...rest } = opts ?? {};
  const plainSettings =
    settings === undefined
      ? pulumi.output(undefined)
      : pulumi.unsecret(pulumi.output(settings as pulumi.Input<ConnectionSettings>));
  return pulumi
    .all([pulumi.output(args), plainSettings])
    .apply(([a, s]) =>
      run(a as pulumi.Unwrap<A>, (s === undefined ? rest : { ...rest, settings: s }) as O),
    );
}
