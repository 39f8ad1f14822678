/**
 * Reads the root stack's Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands them to
 * a program: namespaced keys, objects as JSON text, `secure:` values as secrets (their ciphertext,
 * which only the stack's own key could decrypt, is replaced by a placeholder).
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { ConfigValue, StackSettings } from "../../provider/testing";

/** The repository root: the root stack's project directory. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** What a decrypted `secure:` value becomes in these tests. */
export const SECRET_PLACEHOLDER = "placeholder-client-secret";

/** Pulumi.yaml, parsed. */
export interface ProjectFile {
  name: string;
  runtime: string | { name: string; options?: Record<string, unknown> };
  main?: string;
}

/** Reads Pulumi.yaml. */
export function readProject(): ProjectFile {
  return yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** The config of Pulumi.<stack>.yaml as the driver's stack config. */
export function readStackConfig(stack: string): Record<string, ConfigValue> {
  const file = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  const config: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    if (typeof value === "object" && value !== null && "secure" in value) {
      config[key] = { secret: SECRET_PLACEHOLDER };
    } else if (typeof value === "object" && value !== null) {
      config[key] = JSON.stringify(value);
    } else {
      config[key] = String(value);
    }
  }
  return config;
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
