/**
 * Plain-data types of the OAuthClient resource: what a program declares, what `check` returns,
 * what the state stores as outputs, and what `diff` decides. Nothing here imports Pulumi: these
 * values are the plain JSON the engine exchanges with the dynamic-provider host.
 */
import type { ClientState, GrantType, OpenEnum } from "../api/models";

/**
 * The string the engine sends instead of a value it does not know yet (preview only). It can
 * stand for a whole field, an array item or a nested field. Same value as Pulumi's
 * `runtime.unknownValue`, repeated here so the pure core needs no Pulumi import.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The type of {@link UNKNOWN}. */
export type UnknownValue = typeof UNKNOWN;

/** The grant type that uses roles instead of scopes. */
export const CLIENT_CREDENTIALS = "CLIENT-CREDENTIALS" satisfies GrantType;

/** The states a program may ask for (`disabled` is set by Genesys support only). */
export const DESIRED_STATES = ["active", "inactive"] as const;
/** A state a program may ask for. */
export type DesiredState = (typeof DESIRED_STATES)[number];

/**
 * Limits enforced by `check`. Where Genesys documents a limit we use it; where it documents none
 * we pick a generous cap so that a runaway value (a whole file, a JSON blob) fails in preview with
 * a clear message instead of as an opaque 400/413 from the API halfway through `pulumi up`.
 */
export const LIMITS = {
  /** Name length in characters (code points). Undocumented by Genesys; 200 is generous. */
  nameMaxLength: 200,
  /** Description length in characters (code points). Undocumented by Genesys. */
  descriptionMaxLength: 4000,
  /** Token lifetime, documented: 5 minutes. */
  accessTokenValidityMin: 300,
  /** Token lifetime, documented: 48 hours (the SCIM-only 450-day exception is not supported). */
  accessTokenValidityMax: 172800,
  /** Token lifetime the server applies when the field is omitted: 24 hours. */
  accessTokenValidityDefault: 86400,
  /** Redirect URI length: a common URL length limit of browsers and proxies. */
  redirectUriMaxLength: 2048,
  /** Scheduled rotation: at most every ten years (anything longer is a typo). */
  rotateAfterDaysMax: 3650,
  /** Deletion guard window: the usage API keeps about a year of data. */
  unusedForDaysMax: 365,
} as const;

/** A role granted to a client-credentials client, as a program declares it. */
export interface RoleDivisionInput {
  /** The role id (a UUID). */
  roleId: string;
  /** The division id, `"*"` for all divisions; omitted means the org's home division. */
  divisionId?: string;
}

/** Refuse to delete a client that made API requests recently (used by `delete` only). */
export interface DeletionGuard {
  /** Look-back window in days (1 to {@link LIMITS.unusedForDaysMax}). */
  unusedForDays: number;
}

/**
 * The raw inputs of an OAuthClient as a program writes them. Everything is optional at the type
 * level because the values arrive as untrusted JSON; `checkInputs` enforces the rules.
 */
export interface OAuthClientInputs {
  /** Display name; the resource class fills in the resource name when omitted. */
  name?: string;
  /** Free text; default `""`. */
  description?: string;
  /** `CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD` or `CLIENT-CREDENTIALS` (legacy spellings too). */
  authorizedGrantType?: string;
  /** Token lifetime in seconds, 300 to 172800; default 86400. */
  accessTokenValiditySeconds?: number;
  /** Absolute redirect URIs; a set. */
  registeredRedirectUri?: string[];
  /** Scopes for every grant except client credentials; a set. */
  scope?: string[];
  /** Roles for the client-credentials grant; a set. */
  roleDivisions?: RoleDivisionInput[];
  /** Deprecated role ids (home division) for the client-credentials grant; a set. */
  roleIds?: string[];
  /** `active` (default) or `inactive`. */
  state?: string;
  /** Any string; changing it regenerates the secret. */
  secretRotationTrigger?: string;
  /** Manage this existing client (a UUID) instead of creating one. */
  adoptClientId?: string;
  /** Regenerate the secret when it is older than this many days. */
  rotateAfterDays?: number;
  /** Refuse to delete the client while it is used. */
  deletionGuard?: DeletionGuard;
}

/** What kind of field an input is, which decides how it is compared and where it goes. */
export type InputFieldKind =
  /** An API field compared as one value. */
  | "scalar"
  /** An API field holding a set of strings (order and repeats do not matter). */
  | "set"
  /** A role grant field (`roleDivisions`, `roleIds`), compared as grants. */
  | "role"
  /** A field only the provider uses; it never reaches the API, and refresh carries it forward. */
  | "provider";

/**
 * The one table of the resource's inputs, in canonical order (the order of check failures and of
 * changed keys). Everything else that lists fields derives from it.
 */
export const INPUT_FIELDS = {
  name: "scalar",
  description: "scalar",
  authorizedGrantType: "scalar",
  accessTokenValiditySeconds: "scalar",
  registeredRedirectUri: "set",
  scope: "set",
  roleDivisions: "role",
  roleIds: "role",
  state: "scalar",
  secretRotationTrigger: "provider",
  adoptClientId: "provider",
  rotateAfterDays: "provider",
  deletionGuard: "provider",
} as const satisfies Record<keyof OAuthClientInputs, InputFieldKind>;

/** The name of an input. */
export type InputField = keyof typeof INPUT_FIELDS;

/** The input names, in canonical order. */
export const INPUT_KEYS = Object.keys(INPUT_FIELDS) as InputField[];

/** The inputs of one kind, in canonical order. */
function fieldsOf(kind: InputFieldKind): InputField[] {
  return INPUT_KEYS.filter((k) => INPUT_FIELDS[k] === kind);
}

/** API fields compared as one value: name, description, grant type, token lifetime, state. */
export const SCALAR_FIELDS = fieldsOf("scalar");
/** API fields holding sets of strings: redirect URIs and scopes. */
export const SET_FIELDS = fieldsOf("set");
/** The role grant fields. */
export const ROLE_FIELDS = fieldsOf("role");
/** Inputs that never reach the API; refresh carries them forward from the prior values. */
export const PROVIDER_FIELDS = fieldsOf("provider");

/** Every output that is not an input (the type makes the list complete). */
const OUTPUT_ONLY = {
  clientId: true,
  clientSecret: true,
  secretRotatedAt: true,
  dateCreated: true,
  dateModified: true,
  createdBy: true,
  modifiedBy: true,
  dateToDelete: true,
  homeDivisionId: true,
  providerVersion: true,
} as const satisfies Record<Exclude<keyof OAuthClientOutputs, InputField>, true>;

/** The name of an output that is not an input. */
export type OutputField = keyof typeof OUTPUT_ONLY;

/**
 * The outputs that are not inputs: set by Genesys or recorded by the provider. A program cannot
 * set them, and the resource registers each of them (as `undefined`) so it gets an Output.
 */
export const OUTPUT_FIELDS = Object.keys(OUTPUT_ONLY) as OutputField[];

/**
 * Inputs after `checkInputs`, fully known (what create and update receive). Set fields are sorted;
 * defaults are filled in so an omitted value equals the server default. `scope`, `roleDivisions`
 * and `roleIds` are omitted when empty: an absent key means "not declared", so it is not compared.
 */
export interface NormalizedInputs {
  /** Display name, validated. */
  name: string;
  /** Description; `""` when omitted. */
  description: string;
  /** Hyphenated grant type. Inputs rebuilt from a live client may carry a value new to us. */
  authorizedGrantType: OpenEnum<GrantType>;
  /** Token lifetime; 86400 when omitted. */
  accessTokenValiditySeconds: number;
  /** Sorted redirect URIs; `[]` when omitted. */
  registeredRedirectUri: string[];
  /** Sorted scopes (non-client-credentials grants); omitted when empty. */
  scope?: string[];
  /** Roles sorted by roleId then divisionId; an omitted divisionId stays omitted. */
  roleDivisions?: RoleDivisionInput[];
  /** Sorted deprecated role ids; omitted when empty. */
  roleIds?: string[];
  /** `active` when omitted. Inputs rebuilt from a live client may say `disabled`. */
  state: OpenEnum<DesiredState>;
  /** Omitted when absent or empty. */
  secretRotationTrigger?: string;
  /** Lower-case UUID of the adopted client. */
  adoptClientId?: string;
  /** Scheduled rotation period in days. */
  rotateAfterDays?: number;
  /** Deletion guard. */
  deletionGuard?: DeletionGuard;
  /** The serialized provider, passed through untouched. */
  __provider?: unknown;
}

/**
 * A value that may be, or contain, the unknown sentinel (preview): strings already include it;
 * numbers, enums, objects and arrays get it added at every level.
 */
export type Unknowable<T> =
  | UnknownValue
  | (T extends readonly (infer E)[]
      ? Unknowable<E>[]
      : T extends object
        ? { [K in keyof T]: Unknowable<T[K]> }
        : T);

/** Inputs as `checkInputs` returns them: normalized, but possibly holding unknowns in preview. */
export type CheckedInputs = {
  [K in keyof NormalizedInputs]: K extends "__provider"
    ? NormalizedInputs[K]
    : Unknowable<NormalizedInputs[K]>;
};

/** One problem `check` found: a JSON path (`roleDivisions[1].roleId`) and what to do about it. */
export interface CheckFailure {
  /** The property path, JSON-path style, or `""` for the inputs object itself. */
  property: string;
  /** What is wrong and how to fix it. */
  reason: string;
}

/** The result of `checkInputs`. */
export type CheckResult =
  | {
      /** The inputs are valid. */
      ok: true;
      /** Normalized inputs, to return from `check` (unknowns passed through). */
      inputs: CheckedInputs;
      /** Always empty. */
      failures: [];
      /** Advice that does not stop the deployment (deprecations, plain-http redirects). */
      warnings: string[];
    }
  | {
      /** At least one failure. */
      ok: false;
      /** The new inputs untouched (or `{}` when they were not an object). */
      inputs: Record<string, unknown>;
      /** Every problem found, in property order. */
      failures: CheckFailure[];
      /** Advice found along the way. */
      warnings: string[];
    };

/** A user reference in outputs (no `selfUri`). */
export interface EntityRef {
  /** The user's id. */
  id?: string;
  /** The user's name. */
  name?: string;
}

/**
 * The outputs stored in the state: every input in normalized form plus the computed values. Plain
 * JSON: no `undefined` values (absent keys are omitted) and no `Date` objects (ISO strings).
 */
export interface OAuthClientOutputs {
  /** Echo of the input. */
  name: string;
  /** Echo of the input (`""` when none). */
  description: string;
  /** Echo of the input (hyphenated). */
  authorizedGrantType: OpenEnum<GrantType>;
  /** Echo of the input. */
  accessTokenValiditySeconds: number;
  /** Echo of the input, sorted. */
  registeredRedirectUri: string[];
  /** Echo of the input, sorted; absent for client-credentials clients. */
  scope?: string[];
  /**
   * Echo of the input (sorted; an omitted division stays omitted; roles granted through `roleIds`
   * are not added). After a refresh that found the grants changed: the live grants in that form.
   */
  roleDivisions?: RoleDivisionInput[];
  /** Echo of the input (sorted); after a refresh, the declared ids the client still holds. */
  roleIds?: string[];
  /** The client's state (`disabled`/`deleted` only when the server says so). */
  state: OpenEnum<ClientState | "deleted">;
  /** Echo of the input. */
  secretRotationTrigger?: string;
  /** Echo of the input. */
  adoptClientId?: string;
  /** Echo of the input. */
  rotateAfterDays?: number;
  /** Echo of the input. */
  deletionGuard?: DeletionGuard;
  /** The OAuth client id. */
  clientId: string;
  /** The secret; absent when unknown (an adopted client never rotated). */
  clientSecret?: string;
  /** ISO-8601, from the API. */
  dateCreated?: string;
  /** ISO-8601, from the API. */
  dateModified?: string;
  /** From the API. */
  createdBy?: EntityRef;
  /** From the API. */
  modifiedBy?: EntityRef;
  /** ISO-8601, from the API, when the client is scheduled for deletion. */
  dateToDelete?: string;
  /** ISO-8601; set only when this provider regenerated the secret. */
  secretRotatedAt?: string;
  /** The package version that last wrote the resource. */
  providerVersion?: string;
  /** The home division used for roles declared without a division. */
  homeDivisionId?: string;
}

/** What `diffClient` decided. */
export interface DiffOutcome {
  /** Anything to do (an update, possibly outputs-only). */
  changes: boolean;
  /** The input keys that differ, in declaration order (rotation-only updates list none). */
  changedKeys: string[];
  /** A PUT of the client is needed (false for outputs-only changes and for rotation alone). */
  apiUpdate: boolean;
  /** Regenerate the secret in this update (at most once). */
  rotate: boolean;
  /**
   * Why the secret rotates, for the provider to log: "secretRotationTrigger changed" and/or the
   * schedule ("last rotated 2026-03-01, every 30 days"), joined by "; ".
   */
  rotationReason?: string;
  /** The change is impossible; the provider should fail the diff with this message. */
  error?: string;
}

/** Whether a scheduled rotation is due. */
export interface RotationStatus {
  /** The secret is at least `rotateAfterDays` old. */
  due: boolean;
  /** A sentence explaining the decision. */
  reason: string;
  /** What the schedule counts from and its period ("last rotated 2026-03-01, every 30 days"). */
  basis?: string;
  /** ISO-8601 instant the age counts from (last rotation or creation), when known. */
  lastRotated?: string;
}
