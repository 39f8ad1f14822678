/** What the emulated engine would write to a state file (`pulumi stack export`), secrets encrypted. */
import { StackSettings, configureArgs, defaultProviderUrn, projectOf, stackOf } from "./stack";
import type { ResourceState } from "./types";
import {
  JsonMap,
  JsonValue,
  PropertyMap,
  PropertyValue,
  SECRET_SIG,
  SPECIAL_SIG_KEY,
  isSecret,
  mapFromWire,
} from "./values";

/** Stands in for the ciphertext of a secret in a snapshot (no plaintext, no hash of it). */
export const CIPHERTEXT_PLACEHOLDER = "v1:[encrypted]";

/** A state file as `pulumi stack export` shows it (version 3), with secrets as ciphertext. */
export interface StateSnapshot {
  /** The checkpoint format version. */
  version: 3;
  /** The deployment. */
  deployment: {
    /** The resources: the root stack, the default provider, then the resources in state order. */
    resources: JsonMap[];
  };
}

function encrypt(value: PropertyValue): JsonValue {
  if (isSecret(value)) {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, ciphertext: CIPHERTEXT_PLACEHOLDER };
  }
  if (Array.isArray(value)) {
    return value.map(encrypt);
  }
  if (value !== null && typeof value === "object") {
    return encryptMap(value);
  }
  return value;
}

function encryptMap(map: PropertyMap): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(map)) {
    out[key] = encrypt(value);
  }
  return out;
}

/** Builds the snapshot of a stack's state. */
export function buildSnapshot(
  settings: StackSettings,
  providerId: string,
  resources: readonly ResourceState[],
  stackOutputs: PropertyMap,
): StateSnapshot {
  const stackUrn = `urn:pulumi:${stackOf(settings)}::${projectOf(settings)}::pulumi:pulumi:Stack::${projectOf(settings)}-${stackOf(settings)}`;
  const providerUrn = defaultProviderUrn(settings);
  // The stack config is the default provider's inputs; secret values are stored encrypted.
  const config = encryptMap(mapFromWire(configureArgs(settings)));
  const out: JsonMap[] = [
    {
      urn: stackUrn,
      custom: false,
      type: "pulumi:pulumi:Stack",
      outputs: encryptMap(stackOutputs),
    },
    {
      urn: providerUrn,
      custom: true,
      id: providerId,
      type: "pulumi:providers:pulumi-nodejs",
      inputs: config,
      outputs: config,
      parent: stackUrn,
    },
  ];
  for (const res of resources) {
    const entry: JsonMap = {
      urn: res.urn,
      custom: true,
      id: res.id,
      type: res.type,
      inputs: encryptMap(res.inputs),
      outputs: encryptMap(res.outputs),
      parent: stackUrn,
      provider: `${providerUrn}::${providerId}`,
      dependencies: [...res.dependencies],
    };
    if (res.additionalSecretOutputs.length > 0) {
      entry.additionalSecretOutputs = [...res.additionalSecretOutputs];
    }
    if (res.initErrors?.length) {
      entry.initErrors = [...res.initErrors];
    }
    if (res.protect) {
      entry.protect = true;
    }
    if (res.external) {
      entry.external = true;
    }
    if (res.pendingDelete) {
      entry.delete = true;
    }
    out.push(entry);
  }
  return { version: 3, deployment: { resources: out } };
}
