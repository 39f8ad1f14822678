/**
 * The emulator's state and its persistence. Everything lives in one plain JSON-able object so a
 * CLI-run emulator can write it to `dataFile` and pick it up again after a restart. Secrets are
 * kept as SHA-256 hashes only, except the bootstrap credential the CLI prints anyway.
 */
import { createHash, randomBytes, randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { OAuthClient, DomainEntityRef } from "../api/models";
import { ALL_DIVISIONS, EMULATOR_ROLES } from "./catalog";
import type { EmulatorState, StoredClient } from "./types";

/** Name of the bootstrap admin client. */
export const BOOTSTRAP_CLIENT_NAME = "Emulator bootstrap admin";

/** SHA-256 hex of a secret or token. */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A new client secret: 32 random bytes, base64url (43 characters, like the real ones). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The `selfUri` of a client. */
export function clientSelfUri(id: string): string {
  return `/api/v2/oauth/clients/${id}`;
}

/** A reference to a client as `createdBy`/`modifiedBy`. */
export function clientRef(client: Pick<StoredClient, "id" | "name">): DomainEntityRef {
  return { id: client.id, name: client.name, selfUri: clientSelfUri(client.id) };
}

/** The bootstrap admin client: client credentials, every role in every division. */
export function bootstrapClient(id: string, secret: string, now: Date): StoredClient {
  const ref = { id, name: BOOTSTRAP_CLIENT_NAME, selfUri: clientSelfUri(id) };
  return {
    id,
    name: BOOTSTRAP_CLIENT_NAME,
    description: "Created by the emulator; the provider logs in with it.",
    accessTokenValiditySeconds: 86400,
    registeredRedirectUri: [],
    authorizedGrantType: "CLIENT-CREDENTIALS",
    scope: [],
    roleDivisions: EMULATOR_ROLES.map((r) => ({ roleId: r.id, divisionId: ALL_DIVISIONS })),
    state: "active",
    dateCreated: now.toISOString(),
    dateModified: now.toISOString(),
    createdBy: ref,
    modifiedBy: ref,
    secretHash: sha256(secret),
  };
}

/** A fresh state holding only the bootstrap client. */
export function initialState(clientId: string, clientSecret: string, now: Date): EmulatorState {
  return {
    version: 1,
    bootstrap: { clientId, clientSecret },
    clients: { [clientId]: bootstrapClient(clientId, clientSecret, now) },
    tokens: {},
    usage: {},
    executions: {},
  };
}

/** The role ids of a client (the deprecated `roleIds` mirror of `roleDivisions`). */
export function roleIdsOf(client: Pick<StoredClient, "roleDivisions">): string[] {
  return [...new Set(client.roleDivisions.map((rd) => rd.roleId))];
}

/** A stored client as the API returns it; the secret only when the caller passes it in. */
export function toApiClient(client: StoredClient, secret?: string): OAuthClient {
  const out: OAuthClient = {
    id: client.id,
    name: client.name,
    accessTokenValiditySeconds: client.accessTokenValiditySeconds,
    ...(client.description !== undefined ? { description: client.description } : {}),
    registeredRedirectUri: [...client.registeredRedirectUri],
    ...(secret !== undefined ? { secret } : {}),
    roleIds: roleIdsOf(client),
    dateCreated: client.dateCreated,
    dateModified: client.dateModified,
    createdBy: { ...client.createdBy },
    modifiedBy: { ...client.modifiedBy },
    authorizedGrantType: client.authorizedGrantType,
    scope: [...client.scope],
    roleDivisions: client.roleDivisions.map((rd) => ({ ...rd })),
    state: client.state,
    ...(client.dateToDelete !== undefined ? { dateToDelete: client.dateToDelete } : {}),
    selfUri: clientSelfUri(client.id),
  };
  return out;
}

/** Removes an entry from a record keyed by id (the state uses plain records so it is JSON). */
export function removeKey(record: Record<string, unknown>, key: string): void {
  Reflect.deleteProperty(record, key);
}

/** A new random client id. */
export function newClientId(): string {
  return randomUUID();
}

/** Loads and persists the state to an optional JSON file. */
export class Store {
  /** The live state; mutate it, then call {@link save} or {@link saveSoon}. */
  state: EmulatorState;
  private readonly dataFile?: string;
  private timer?: NodeJS.Timeout;

  /**
   * @param state The state to start from (see {@link Store.read} to load a data file).
   * @param dataFile Where to persist.
   */
  constructor(state: EmulatorState, dataFile?: string) {
    this.dataFile = dataFile ? path.resolve(dataFile) : undefined;
    this.state = state;
  }

  /** Reads a data file; `undefined` when it does not exist. Throws on a corrupt file. */
  static read(file: string): EmulatorState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`Emulator data file ${file} is not valid JSON; move it away to start fresh.`);
    }
    const s = parsed as Partial<EmulatorState> | null;
    if (
      !s ||
      s.version !== 1 ||
      typeof s.bootstrap?.clientId !== "string" ||
      typeof s.bootstrap.clientSecret !== "string" ||
      typeof s.clients !== "object"
    ) {
      throw new Error(`Emulator data file ${file} has an unknown format; move it away.`);
    }
    return {
      version: 1,
      bootstrap: s.bootstrap,
      clients: s.clients ?? {},
      tokens: s.tokens ?? {},
      usage: s.usage ?? {},
      executions: s.executions ?? {},
    };
  }

  /** Writes the state now (atomically, owner-only permissions). */
  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dataFile) return;
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
    fs.renameSync(tmp, this.dataFile);
  }

  /** Coalesces frequent small changes (usage counters) into one write shortly after. */
  saveSoon(): void {
    if (!this.dataFile || this.timer) return;
    this.timer = setTimeout(() => this.save(), 100);
    this.timer.unref();
  }

  /** Writes pending changes, if any (on close). */
  flush(): void {
    if (this.timer) this.save();
  }
}
