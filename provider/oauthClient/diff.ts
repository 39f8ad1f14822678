/**
 * `diff` for the OAuthClient resource: compares the new inputs with the previous outputs (the
 * engine passes outputs as `olds`) and decides whether an update is needed, whether it must PUT
 * the client, and whether it rotates the secret (on a trigger change or when scheduled rotation
 * is due). No field forces a replacement: the API changes everything in place.
 */
import { asRecord } from "../api/json";
import { containsUnknown, jsonEqual, sameStringSet } from "./normalize";
import { allRoleIds, grantSet, sameSet, stringSet } from "./roles";
import { quote } from "./suggest";
import {
  CLIENT_CREDENTIALS,
  ROLE_FIELDS,
  SCALAR_FIELDS,
  SET_FIELDS,
  type DiffOutcome,
  type RotationStatus,
} from "./types";
import { INPUT_KEYS, normalizeLenient } from "./validate";

const DAY_MS = 86_400_000;

/** Options of {@link diffClient}. */
export interface DiffOptions {
  /** The current time, injected so rotation schedules are testable. */
  now: Date;
  /**
   * Whether a due scheduled rotation counts as a change (default true). A caller that knows it is
   * computing the refresh display can pass false, so a due rotation is not shown as drift.
   */
  scheduledRotation?: boolean;
}

function toTime(value: unknown): number | undefined {
  const time =
    typeof value === "string" ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  return Number.isFinite(time) ? time : undefined;
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Whether a scheduled rotation is due: the secret's age counts from `secretRotatedAt` (the last
 * rotation by this provider) or, for a never-rotated client, from `dateCreated`. Due when the age
 * is at least `rotateAfterDays` whole days (exactly N days is due). Never throws.
 *
 * @param outputs The resource's outputs (only `secretRotatedAt` and `dateCreated` are read).
 * @param rotateAfterDays The rotation period in days.
 * @param now The current time.
 */
export function rotationStatus(
  outputs: unknown,
  rotateAfterDays: number,
  now: Date,
): RotationStatus {
  const o = asRecord(outputs);
  if (!Number.isInteger(rotateAfterDays) || rotateAfterDays < 1) {
    return {
      due: false,
      reason: "no rotation schedule: rotateAfterDays is not a positive whole number",
    };
  }
  const rotated = toTime(o.secretRotatedAt);
  const from = rotated ?? toTime(o.dateCreated);
  const nowTime = toTime(now);
  if (from === undefined || nowTime === undefined) {
    return {
      due: false,
      reason: "secret rotation schedule unknown: the client has no rotation or creation date",
    };
  }
  const lastRotated = new Date(from).toISOString();
  const every = `every ${rotateAfterDays} day${rotateAfterDays === 1 ? "" : "s"}`;
  const since =
    rotated !== undefined ? `last rotated ${day(from)}` : `created ${day(from)}, never rotated`;
  const dueAt = from + rotateAfterDays * DAY_MS;
  const basis = `${since}, ${every}`;
  if (nowTime >= dueAt) {
    return { due: true, reason: `secret rotation due: ${basis}`, basis, lastRotated };
  }
  return {
    due: false,
    reason: `secret rotation due on ${day(dueAt)}: ${basis}`,
    basis,
    lastRotated,
  };
}

/** True when two lenient list values differ as sets (or are not both lists and differ). */
function setsDiffer(a: unknown, b: unknown): boolean {
  const left = a ?? [];
  const right = b ?? [];
  if (Array.isArray(left) && Array.isArray(right)) return !sameStringSet(left, right);
  return !jsonEqual(left, right);
}

/**
 * The role keys that differ. The declared grants (`roleDivisions` plus `roleIds`, merged the way
 * the API merges them) are compared with the grants the outputs record in both fields: outputs
 * echo the declaration, so a role granted through `roleIds` is only in `roleIds`. A difference is
 * reported on the field whose own grants differ.
 */
function roleChanges(
  n: Record<string, unknown>,
  o: Record<string, unknown>,
  home?: string,
): string[] {
  const declared = ROLE_FIELDS.filter((key) => n[key] !== undefined);
  const unknown = declared.filter((key) => containsUnknown(n[key]));
  if (unknown.length > 0) return unknown;
  if (declared.length === 0) return [];
  if (n.roleDivisions === undefined) {
    // Only the deprecated role ids are declared: they name roles, whatever division holds them.
    const valid = Array.isArray(n.roleIds) && n.roleIds.every((id) => typeof id === "string");
    const live = allRoleIds(o.roleDivisions, o.roleIds);
    return valid && sameStringSet(stringSet(n.roleIds), live) ? [] : ["roleIds"];
  }
  const expected = grantSet(n.roleDivisions, n.roleIds ?? [], home);
  const actual = grantSet(o.roleDivisions ?? [], o.roleIds ?? [], home);
  if (sameSet(expected, actual)) return [];
  const divisions = !sameSet(
    grantSet(n.roleDivisions, [], home),
    grantSet(o.roleDivisions ?? [], [], home),
  );
  const ids = !sameStringSet(stringSet(n.roleIds), stringSet(o.roleIds));
  const keys = ROLE_FIELDS.filter((key) => (key === "roleDivisions" ? divisions : ids));
  return keys.length > 0 ? keys : declared;
}

function adoptionError(adopt: string, clientId: string): string {
  return (
    `adoptClientId ${quote(adopt)} differs from the client this resource manages ` +
    `(${quote(clientId)}): an adoption can't be retargeted. To manage the other client, remove ` +
    "this resource from the program (which deletes its client), or run `pulumi state delete` on " +
    "it to stop managing its client without deleting it, then declare a new resource with " +
    "adoptClientId set"
  );
}

/**
 * Compares new inputs with the previous outputs (the provider's `diff`).
 *
 * Contract: never throws. Values are normalized first, so set order, an omitted default, a legacy
 * grant spelling or an omitted divisionId equal to `homeDivisionId` are no change. An unknown
 * value (preview) is a change. `providerVersion` and `__provider` are never compared, so upgrading
 * the package shows no change. A trigger change to a new non-empty value or a due scheduled
 * rotation sets `rotate` (one rotation however many reasons); `secretRotationTrigger`,
 * `rotateAfterDays`, `deletionGuard` and `adoptClientId` changes alone need no PUT. An
 * `adoptClientId` other than the managed `clientId` sets `error`. Also sound when the engine calls
 * it inverted for the refresh display (olds = refreshed outputs, news = old inputs).
 *
 * @param oldOutputs The previous outputs, plain JSON.
 * @param newInputs The new (checked) inputs, plain JSON, possibly holding unknowns.
 * @param options The current time and flags.
 */
export function diffClient(
  oldOutputs: unknown,
  newInputs: unknown,
  options: DiffOptions,
): DiffOutcome {
  const olds = asRecord(oldOutputs);
  const o = normalizeLenient(olds);
  const n = normalizeLenient(newInputs);
  const home = typeof olds.homeDivisionId === "string" ? olds.homeDivisionId : undefined;
  const changed = new Set<string>();
  const differs = (key: string, different: boolean): void => {
    if (containsUnknown(n[key]) || different) changed.add(key);
  };

  for (const key of SCALAR_FIELDS) differs(key, !jsonEqual(n[key], o[key]));
  for (const key of SET_FIELDS) {
    // Scopes do not apply to client credentials: a leftover list there is no change.
    if (key === "scope" && n.authorizedGrantType === CLIENT_CREDENTIALS) continue;
    differs(key, setsDiffer(n[key], o[key]));
  }
  for (const key of roleChanges(n, o, home)) changed.add(key);
  const apiUpdate = changed.size > 0;

  const reasons: string[] = [];
  const trigger = n.secretRotationTrigger;
  differs("secretRotationTrigger", !jsonEqual(trigger, o.secretRotationTrigger));
  if (
    changed.has("secretRotationTrigger") &&
    typeof trigger === "string" &&
    !containsUnknown(trigger)
  ) {
    reasons.push("secretRotationTrigger changed");
  }
  differs("rotateAfterDays", !jsonEqual(n.rotateAfterDays, o.rotateAfterDays));
  differs("deletionGuard", !jsonEqual(n.deletionGuard, o.deletionGuard));

  let error: string | undefined;
  const adopt = n.adoptClientId;
  const clientId = typeof olds.clientId === "string" ? olds.clientId.toLowerCase() : undefined;
  if (typeof adopt === "string" && !containsUnknown(adopt) && clientId !== undefined) {
    if (adopt !== clientId) {
      changed.add("adoptClientId");
      error = adoptionError(adopt, clientId);
    }
  } else {
    differs("adoptClientId", !jsonEqual(adopt, o.adoptClientId));
  }

  const period = n.rotateAfterDays;
  if (
    options.scheduledRotation !== false &&
    typeof period === "number" &&
    !containsUnknown(period)
  ) {
    const status = rotationStatus(olds, period, options.now);
    if (status.due && status.basis !== undefined) reasons.push(status.basis);
  }

  const rotate = reasons.length > 0;
  return {
    changes: changed.size > 0 || rotate,
    changedKeys: INPUT_KEYS.filter((k) => changed.has(k)),
    apiUpdate,
    rotate,
    ...(rotate ? { rotationReason: reasons.join("; ") } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}
