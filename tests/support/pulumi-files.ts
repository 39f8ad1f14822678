/**
 * Reads a Pulumi project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI hands
 * them to a program, for the suites of the root stack and of the example projects.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { ConfigValue } from "../../provider/testing";

/** Pulumi.yaml, parsed. */
export interface ProjectFile {
  /** The project name (the namespace of the program's own config keys). */
  name: string;
  /** The project description. */
  description?: string;
  /** `nodejs`, or `{ name: "nodejs", options: { typescript: true } }`. */
  runtime: string | { name: string; options?: Record<string, unknown> };
  /** The program's entry, relative to the project directory. */
  main?: string;
}

/** Reads and parses a YAML file. */
export function readYaml(file: string): unknown {
  return yaml.load(fs.readFileSync(file, "utf8"));
}

/** The `Pulumi.yaml` of the project in `dir`. */
export function readProjectFile(dir: string): ProjectFile {
  return readYaml(path.join(dir, "Pulumi.yaml")) as ProjectFile;
}

/**
 * The config of `<dir>/Pulumi.<stack>.yaml` as the driver's stack config, as the CLI hands it to
 * a program: keys as written (namespaced), objects as JSON text, other values as text, and each
 * `secure:` value as a secret whose plaintext is `securePlaceholder` (only the stack's own key
 * could decrypt the ciphertext).
 */
export function readStackFileConfig(
  dir: string,
  stack: string,
  securePlaceholder: string,
): Record<string, ConfigValue> {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const doc = readYaml(file) as { config?: Record<string, unknown> } | null;
  const config: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    if (typeof value === "object" && value !== null && "secure" in value) {
      config[key] = { secret: securePlaceholder };
    } else if (typeof value === "object" && value !== null) {
      config[key] = JSON.stringify(value);
    } else {
      config[key] = String(value);
    }
  }
  return config;
}
