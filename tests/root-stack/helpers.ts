/**
 * Reads the root stack's Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands them to
 * a program: namespaced keys, objects as JSON text, `secure:` values as secrets with a placeholder
 * plaintext (the files hold none: the client secret is set per stack, encrypted with its key).
 */
import * as path from "path";
import type { ConfigValue, StackSettings } from "../../provider/testing";
import { readProjectFile, readStackFileConfig, type ProjectFile } from "../support/pulumi-files";

/** The repository root: the root stack's project directory. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** What a decrypted `secure:` value becomes in these tests. */
export const SECRET_PLACEHOLDER = "placeholder-client-secret";

/** Reads Pulumi.yaml. */
export function readProject(): ProjectFile {
  return readProjectFile(PROJECT_DIR);
}

/** The config of Pulumi.<stack>.yaml as the driver's stack config. */
export function readStackConfig(stack: string): Record<string, ConfigValue> {
  return readStackFileConfig(PROJECT_DIR, stack, SECRET_PLACEHOLDER);
}

/** The stack settings of a stack of the root project, with `overrides` applied to its config. */
export function rootStack(
  stack: string,
  overrides: Record<string, ConfigValue> = {},
): Required<StackSettings> {
  return {
    project: readProject().name,
    stack,
    config: { ...readStackConfig(stack), ...overrides },
  };
}

/** The `vars` object of a stack's config, parsed. */
export function stackVars(stack: string): Record<string, unknown> {
  const raw = readStackConfig(stack)["genesys-oauth-clients:vars"];
  return typeof raw === "string" ? (JSON.parse(raw) as Record<string, unknown>) : {};
}
