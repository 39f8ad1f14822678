/**
 * Stack settings shared by the program capture (mocks) and the engine emulation (host + Configure),
 * so both see the same project, stack and stack config.
 */
import { JsonMap, SECRET_SIG, SPECIAL_SIG_KEY } from "./values";

/** A stack config value: a plain string, or `{ secret }` for a value set with `--secret`. */
export type ConfigValue = string | { secret: string };

/** The project, stack and stack config a program runs with (like `Pulumi.<stack>.yaml`). */
export interface StackSettings {
  /** The Pulumi project name (`name:` in Pulumi.yaml). Default `project`. */
  project?: string;
  /** The stack name. Default `stack`. */
  stack?: string;
  /**
   * Stack config by key. Keys without a namespace get the project's (`foo` → `<project>:foo`),
   * as the CLI does; namespaced keys such as `genesyscloud:oauthclientSecret` are kept.
   */
  config?: Readonly<Record<string, ConfigValue>>;
}

/** One resolved stack config entry. */
export interface ConfigEntry {
  /** The namespaced key, e.g. `genesyscloud:oauthclientId`. */
  key: string;
  /** The value as a string (objects are JSON), as the engine passes it. */
  value: string;
  /** Whether the value is a secret. */
  secret: boolean;
}

/** The defaults applied when a setting is missing. */
export const DEFAULT_PROJECT = "project";
/** The default stack name. */
export const DEFAULT_STACK = "stack";

/** The project name of the settings, with the default applied. */
export function projectOf(settings: StackSettings | undefined): string {
  return settings?.project ?? DEFAULT_PROJECT;
}

/** The stack name of the settings, with the default applied. */
export function stackOf(settings: StackSettings | undefined): string {
  return settings?.stack ?? DEFAULT_STACK;
}

/** The stack config with namespaces applied, in key order. */
export function resolveConfig(settings: StackSettings | undefined): ConfigEntry[] {
  const project = projectOf(settings);
  return Object.entries(settings?.config ?? {})
    .map(([rawKey, raw]) => {
      const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
      return typeof raw === "string"
        ? { key, value: raw, secret: false }
        : { key, value: raw.secret, secret: true };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The `args` of the engine's ConfigureRequest for the default `pulumi-nodejs` provider: the whole
 * stack config with namespaced keys, secrets wrapped in the wire secret signature (the engine
 * marshals Configure with secrets kept; the host unwraps them with `rpc.unwrapRpcSecret`).
 */
export function configureArgs(settings: StackSettings | undefined): JsonMap {
  const args: JsonMap = {};
  for (const { key, value, secret } of resolveConfig(settings)) {
    args[key] = secret ? { [SPECIAL_SIG_KEY]: SECRET_SIG, value } : value;
  }
  return args;
}

/** The URN of the default `pulumi-nodejs` provider resource of a stack. */
export function defaultProviderUrn(settings: StackSettings | undefined): string {
  return `urn:pulumi:${stackOf(settings)}::${projectOf(settings)}::pulumi:providers:pulumi-nodejs::default`;
}

/** A resource URN as the engine builds it (the root stack is never part of the type chain). */
export function resourceUrn(
  settings: StackSettings | undefined,
  type: string,
  name: string,
  parentUrn?: string,
): string {
  const parentType = parentUrn ? qualifiedTypeOf(parentUrn) : "";
  const qualified =
    parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stackOf(settings)}::${projectOf(settings)}::${qualified}::${name}`;
}

/** The qualified type part of a URN, with a leading root-stack type removed. */
export function qualifiedTypeOf(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts.length >= 4 ? parts[2] : "";
  return qualified.startsWith("pulumi:pulumi:Stack$")
    ? qualified.slice("pulumi:pulumi:Stack$".length)
    : qualified;
}

/** The type token of a URN (the last part of its qualified type). */
export function typeOfUrn(urn: string): string {
  return qualifiedTypeOf(urn).split("$").pop() ?? "";
}

/** The name part of a URN. */
export function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.slice(3).join("::");
}

/**
 * Rewrites a URN produced by the SDK's mock monitor into the engine's form: the mock prefixes the
 * root stack's type (`pulumi:pulumi:Stack$…`) onto children of the stack, the engine does not.
 */
export function engineUrn(mockUrn: string): string {
  const parts = mockUrn.split("::");
  if (parts.length < 4) {
    return mockUrn;
  }
  return [parts[0], parts[1], qualifiedTypeOf(mockUrn), ...parts.slice(3)].join("::");
}
