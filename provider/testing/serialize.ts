/** The provider serialization the SDK performs for `dynamic.Resource`, reproduced exactly. */
import * as pulumi from "@pulumi/pulumi";
import { createRequire } from "module";
import * as path from "path";
import { resolveSdkDir } from "./sdk";

/** A serialized dynamic provider. */
export interface SerializedProvider {
  /** The module text stored as `__provider`. */
  text: string;
  /** True if a secret Output was captured: the SDK then marks the whole `__provider` secret. */
  containsSecrets: boolean;
}

/**
 * Serializes a provider exactly as `pulumi.dynamic.Resource` does:
 * `runtime.serializeFunction(() => provider, { allowSecrets: true })`. The captured variable must
 * be called `provider`, because its name is part of the text.
 */
export async function serializeProvider(
  provider: pulumi.dynamic.ResourceProvider,
): Promise<SerializedProvider> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { text: serialized.text, containsSecrets: serialized.containsSecrets };
}

/**
 * Loads a `__provider` text the way the host does (`requireFromString(text).handler()`), so its
 * methods can be unit-tested in-process. `require()`s inside it resolve from `projectDir`.
 */
export function loadSerializedProvider(
  text: string,
  projectDir: string = process.cwd(),
): pulumi.dynamic.ResourceProvider {
  const sdkRequire = createRequire(path.join(resolveSdkDir(projectDir), "package.json"));
  const requireFromString = sdkRequire("require-from-string") as (
    code: string,
    filename?: string,
  ) => { handler: () => pulumi.dynamic.ResourceProvider };
  // The host passes no filename, so requires resolve from its cwd (the project dir); a filename
  // inside projectDir gives the same resolution here.
  return requireFromString(text, path.join(projectDir, "__provider.js")).handler();
}
