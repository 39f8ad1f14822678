/**
 * Lookups of OAuth clients: the whole listing, and one client by id or by name (to adopt it into
 * an `OAuthClient` resource or to reference it). Results never carry a client secret.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OAuthClient } from "../api/models";
import { describe } from "../oauthClient/suggest";
import { argsObject, optionalBoolean, requiredId } from "./args";
import { isDeleted, matchClientByName, withoutSecret } from "./clientMatch";
import { checkLookupOptions, lookupApi, type LookupOptions } from "./connection";
import { LookupArgumentError } from "./errors";
import { lookupOutput, type LookupOutputOptions } from "./output";

/** Arguments of {@link getOauthClients}. */
export interface GetOauthClientsArgs {
  /** Also return clients in state `deleted` (being removed). Default false. */
  includeDeleted?: boolean;
}

/** Arguments of {@link getOauthClientsOutput}. */
export interface GetOauthClientsOutputArgs {
  /** Also return clients in state `deleted` (being removed). Default false. */
  includeDeleted?: pulumi.Input<boolean>;
}

/** The result of {@link getOauthClients}. */
export interface GetOauthClientsResult {
  /** The clients of the org (every page), in the service's order, without secrets. */
  clients: OAuthClient[];
  /** The number of `clients` returned. */
  total: number;
}

/**
 * Lists the org's OAuth clients (`GET /api/v2/oauth/clients`, following `nextUri` if the service
 * pages). Clients in state `deleted` are left out unless `includeDeleted` is set.
 *
 * @example
 * const { clients } = await getOauthClients();
 * const inactive = clients.filter((c) => c.state === "inactive").map((c) => c.name);
 */
export async function getOauthClients(
  args?: GetOauthClientsArgs,
  opts?: LookupOptions,
): Promise<GetOauthClientsResult> {
  const m = "getOauthClients";
  const a = argsObject(m, args, ["includeDeleted"]);
  const includeDeleted = optionalBoolean(m, "includeDeleted", a.includeDeleted) ?? false;
  checkLookupOptions(m, opts);
  const listing = await lookupApi(opts, m).getOauthClients();
  const clients = (listing.entities ?? [])
    .filter((c) => includeDeleted || !isDeleted(c))
    .map((c) => withoutSecret(c));
  return { clients, total: clients.length };
}

/**
 * {@link getOauthClients} with Input arguments, as an Output.
 *
 * @example
 * export const clientNames = getOauthClientsOutput().clients.apply((cs) => cs.map((c) => c.name));
 */
export function getOauthClientsOutput(
  args?: GetOauthClientsOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<GetOauthClientsResult> {
  return lookupOutput(args, opts, (a, o: LookupOptions) => getOauthClients(a, o));
}

/** Look a client up by its id. */
export interface GetOauthClientByIdArgs {
  /** The client id. */
  clientId: string;
  /** Not with `clientId`. */
  name?: undefined;
  /** Not with `clientId`. */
  ignoreCase?: undefined;
}

/** Look a client up by its name. */
export interface GetOauthClientByNameArgs {
  /** The client's name: exactly one client that is not `deleted` must have it. */
  name: string;
  /** Compare names regardless of case (`CI-Robot` finds `ci-robot`). Default false: exact. */
  ignoreCase?: boolean;
  /** Not with `name`. */
  clientId?: undefined;
}

/** Arguments of {@link getOauthClient}: `{ clientId }` or `{ name, ignoreCase? }`. */
export type GetOauthClientArgs = GetOauthClientByIdArgs | GetOauthClientByNameArgs;

/** Arguments of {@link getOauthClientOutput}: `{ clientId }` or `{ name, ignoreCase? }`. */
export type GetOauthClientOutputArgs =
  | {
      /** The client id. */
      clientId: pulumi.Input<string>;
    }
  | {
      /** The client's name: exactly one client that is not `deleted` must have it. */
      name: pulumi.Input<string>;
      /** Compare names regardless of case. Default false: exact. */
      ignoreCase?: pulumi.Input<boolean>;
    };

/**
 * One OAuth client, without its secret: by id (`GET /api/v2/oauth/clients/{clientId}`, whatever
 * its state; a `GenesysApiError` with status 404 when there is none), or by name from the listing. By name,
 * exactly one client that is not `deleted` must match: the exact, case-sensitive name, or with
 * `ignoreCase: true` the name regardless of case. Otherwise it rejects with an
 * `OAuthClientMatchError` listing the candidates (id, state, creation date): every client of that
 * name when there are several, clients with similar names when there is none.
 *
 * @example
 * const robot = await getOauthClient({ name: "ci-robot" });
 * new OAuthClient("ci-robot", { adoptClientId: robot.id, ...desired });
 */
export async function getOauthClient(
  args: GetOauthClientArgs,
  opts?: LookupOptions,
): Promise<OAuthClient> {
  const m = "getOauthClient";
  const a = argsObject(m, args, ["clientId", "name", "ignoreCase"]);
  const byId = a.clientId !== undefined && a.clientId !== null;
  const byName = a.name !== undefined && a.name !== null;
  if (byId === byName) {
    throw new LookupArgumentError(
      m,
      "clientId",
      byId
        ? "and name were both given: pass only one of them."
        : "or name is required: pass { clientId } or { name }.",
    );
  }
  if (byId) {
    const clientId = requiredId(m, "clientId", a.clientId);
    if (a.ignoreCase !== undefined && a.ignoreCase !== null) {
      throw new LookupArgumentError(m, "ignoreCase", "only applies to a lookup by name.");
    }
    checkLookupOptions(m, opts);
    return withoutSecret(await lookupApi(opts, m).getOauthClient(clientId));
  }
  if (typeof a.name !== "string" || a.name.trim() === "") {
    throw new LookupArgumentError(
      m,
      "name",
      `must be the client's name (a non-blank string); got ${describe(a.name)}.`,
    );
  }
  const ignoreCase = optionalBoolean(m, "ignoreCase", a.ignoreCase) ?? false;
  checkLookupOptions(m, opts);
  const listing = await lookupApi(opts, m).getOauthClients();
  return withoutSecret(matchClientByName(listing.entities ?? [], a.name, ignoreCase));
}

/**
 * {@link getOauthClient} with Input arguments, as an Output.
 *
 * @example
 * const robot = getOauthClientOutput({ name: "ci-robot" });
 * export const robotId = robot.id;
 */
export function getOauthClientOutput(
  args: GetOauthClientOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<OAuthClient> {
  return lookupOutput(args, opts, (a, o: LookupOptions) =>
    getOauthClient(a as GetOauthClientArgs, o),
  );
}
