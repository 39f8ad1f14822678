/**
 * The end state every reliability scenario asserts: what the stack's state says matches the
 * OAuth clients that exist in the org (the emulator), with no duplicate, no orphan, no client the
 * state lost, and no recorded secret that stopped working.
 */
import type { OAuthClient } from "../../../provider/api/models";
import type { RunningEmulator } from "../../../provider/emulator";
import { isSecret, plain, type Engine, type JsonMap } from "../../../provider/testing";
import { login } from "../../resource/harness";

const OAUTH_CLIENT_TYPE = "pulumi-nodejs:dynamic/genesys:OAuthClient";

/** What the checks need of an emulator (in this thread or in a worker thread). */
export type OrgEmulator = Pick<RunningEmulator, "admin" | "clientId" | "loginUrl">;

/** How the org compares with the stacks' state. */
export interface OrgCheck {
  /** OAuth clients in the states. */
  managed: number;
  /** Clients in the org (not the bootstrap client, not `deleted`, not ignored). */
  live: number;
  /** Resources whose client no longer exists. */
  missing: string[];
  /** Clients in the org that no state knows (by name). */
  orphans: string[];
  /** Orphans named like a managed client: a second copy of something the stack created. */
  duplicates: number;
  /** `resource.field` where the state's outputs disagree with the org. */
  mismatched: string[];
  /** Resources whose recorded secret no longer authenticates at the token endpoint. */
  deadSecrets: string[];
  /** Recorded secrets proven to work at the token endpoint. */
  secretsVerified: number;
}

/** Options of {@link checkOrg}. */
export interface CheckOptions {
  /** Clients to leave out of the comparison (seeded out of band and not managed). */
  ignore?: (client: OAuthClient) => boolean;
  /** Verify every recorded secret at the token endpoint (default true). */
  secrets?: boolean;
}

/** Resolves once the emulator has answered every request it received (slow faults included). */
export async function settle(emulator: OrgEmulator, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await emulator.admin.requests();
    // A `reset` fault never answers: its status stays 0 for good.
    if (!log.some((e) => e.status === 0 && e.fault !== "reset")) return;
    if (Date.now() > deadline) throw new Error("the emulator still has requests in flight");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * True when `secret` authenticates `clientId` at the token endpoint: a token (client credentials)
 * or `unauthorized_client` (the secret is right, the grant is not client credentials).
 * `undefined` when it cannot be told: an inactive client refuses every login.
 */
export async function secretWorks(
  emulator: OrgEmulator,
  clientId: string,
  secret: string,
  state: string | undefined,
): Promise<boolean | undefined> {
  if (state !== undefined && state !== "active") return undefined;
  // `login` only reads the login URL.
  const { status, body } = await login(emulator as RunningEmulator, clientId, secret);
  return status === 200 || body.error === "unauthorized_client";
}

function roleKeys(roles: unknown, home: unknown): string[] {
  if (!Array.isArray(roles)) return [];
  return roles
    .map((r) => r as { roleId?: unknown; divisionId?: unknown })
    .map((r) => `${String(r.roleId)}/${String(r.divisionId ?? home)}`)
    .sort();
}

function sorted(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String).sort() : [];
}

/** The fields of `outputs` that disagree with `live`. */
function differences(outputs: JsonMap, live: OAuthClient): string[] {
  const grant = String(outputs.authorizedGrantType);
  const pairs: [string, unknown, unknown][] = [
    ["name", outputs.name, live.name],
    ["description", outputs.description ?? "", live.description ?? ""],
    ["state", outputs.state, live.state],
    ["authorizedGrantType", grant, live.authorizedGrantType],
    [
      "accessTokenValiditySeconds",
      outputs.accessTokenValiditySeconds,
      live.accessTokenValiditySeconds,
    ],
    [
      "registeredRedirectUri",
      sorted(outputs.registeredRedirectUri),
      sorted(live.registeredRedirectUri),
    ],
  ];
  if (grant === "CLIENT-CREDENTIALS") {
    pairs.push([
      "roleDivisions",
      roleKeys(outputs.roleDivisions, outputs.homeDivisionId),
      roleKeys(live.roleDivisions, undefined),
    ]);
  } else {
    pairs.push(["scope", sorted(outputs.scope), sorted(live.scope)]);
  }
  return pairs
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([field]) => field);
}

/**
 * Compares the OAuth clients in the states of `engines` with the org, after waiting for every
 * request in flight (a slow request may still land). Secrets are checked at the token endpoint.
 */
export async function checkOrg(
  emulator: OrgEmulator,
  engines: readonly Engine[],
  options: CheckOptions = {},
): Promise<OrgCheck> {
  await settle(emulator);
  const org = (await emulator.admin.clients()).filter(
    (c) => c.id !== emulator.clientId && c.state !== "deleted" && !options.ignore?.(c),
  );
  const byId = new Map(org.map((c) => [c.id as string, c]));
  const resources = engines.flatMap((e) =>
    e.state.filter((r) => r.type === OAUTH_CLIENT_TYPE && !r.external),
  );
  const check: OrgCheck = {
    managed: resources.length,
    live: org.length,
    missing: [],
    orphans: [],
    duplicates: 0,
    mismatched: [],
    deadSecrets: [],
    secretsVerified: 0,
  };
  const known = new Set<string>();
  for (const res of resources) {
    known.add(res.id);
    const live = byId.get(res.id);
    if (!live) {
      check.missing.push(res.name);
      continue;
    }
    const outputs = plain(res.outputs);
    check.mismatched.push(...differences(outputs, live).map((f) => `${res.name}.${f}`));
    const secret = res.outputs.clientSecret;
    if ((options.secrets ?? true) && isSecret(secret) && typeof secret.value === "string") {
      const works = await secretWorks(emulator, res.id, secret.value, live.state);
      if (works === false) check.deadSecrets.push(res.name);
      if (works === true) check.secretsVerified++;
    }
  }
  const managedNames = new Set(resources.map((r) => String(plain(r.outputs).name)));
  for (const client of org) {
    if (known.has(client.id as string)) continue;
    check.orphans.push(client.name);
    if (managedNames.has(client.name)) check.duplicates++;
  }
  return check;
}

/** The parts of a check that must be empty for a consistent end state. */
export function problems(
  check: OrgCheck,
): Pick<OrgCheck, "missing" | "orphans" | "mismatched" | "deadSecrets"> {
  return {
    missing: check.missing,
    orphans: check.orphans,
    mismatched: check.mismatched,
    deadSecrets: check.deadSecrets,
  };
}

/** The empty result of {@link problems}. */
export const NO_PROBLEMS = { missing: [], orphans: [], mismatched: [], deadSecrets: [] };
