/**
 * The errors the lookup functions add to those of the API client: a refused argument, a name that
 * does not pick exactly one OAuth client, and a usage query that failed or ran out of time. No
 * Pulumi import here: the usage polling (and its error) also runs inside the dynamic-provider host.
 */
import { GenesysError } from "../api/errors";

/**
 * An argument of a lookup function is missing or malformed. Thrown before any request (and before
 * the connection settings are read); the message names the argument and says how to fix it.
 */
export class LookupArgumentError extends GenesysError {
  /** The lookup function, e.g. `queryOauthClientUsage`. */
  readonly lookup: string;
  /** The argument path, e.g. `interval` or `poll.timeoutMs`. */
  readonly argument: string;

  /**
   * @param lookup the lookup function
   * @param argument the argument path
   * @param problem what is wrong and how to fix it (never the value of a secret)
   */
  constructor(lookup: string, argument: string, problem: string) {
    super("LookupArgumentError", `${lookup}: ${argument} ${problem}`);
    this.lookup = lookup;
    this.argument = argument;
  }
}

/** An OAuth client listed in an {@link OAuthClientMatchError}. */
export interface OAuthClientCandidate {
  /** The client id. */
  id: string;
  /** The client's name. */
  name: string;
  /** The client's state (`active`, `inactive`, `disabled`, …), when the API reported one. */
  state?: string;
  /** When the client was created (ISO-8601), when the API reported it. */
  dateCreated?: string;
}

/** Why a lookup by name did not resolve to one client. */
export type OAuthClientMatchFailure = "notFound" | "ambiguous";

function describeCandidate(c: OAuthClientCandidate): string {
  const created = c.dateCreated ? `, created ${c.dateCreated}` : "";
  return `${c.id} ${JSON.stringify(c.name)} (${c.state ?? "state unknown"}${created})`;
}

/**
 * `getOauthClient({ name })` found no client of that name, or several. The message lists the
 * candidates (id, state, creation date): for `ambiguous` the clients of that name, for `notFound`
 * the clients with similar names, if any.
 */
export class OAuthClientMatchError extends GenesysError {
  /** `notFound` (no client has the name) or `ambiguous` (several have it). */
  readonly reason: OAuthClientMatchFailure;
  /** The name that was looked up. */
  readonly searchedName: string;
  /** Whether the comparison ignored case. */
  readonly ignoreCase: boolean;
  /** The clients of that name (`ambiguous`) or with similar names (`notFound`). */
  readonly candidates: readonly OAuthClientCandidate[];

  /**
   * @param reason why no single client matched
   * @param searchedName the name looked up
   * @param ignoreCase whether case was ignored
   * @param candidates the matching (ambiguous) or similar (not found) clients
   */
  constructor(
    reason: OAuthClientMatchFailure,
    searchedName: string,
    ignoreCase: boolean,
    candidates: readonly OAuthClientCandidate[],
  ) {
    const how = ignoreCase ? "ignoring case" : "exact, case-sensitive";
    const list = candidates.map((c) => `\n  - ${describeCandidate(c)}`).join("");
    let message: string;
    if (reason === "ambiguous") {
      message =
        `getOauthClient: ${candidates.length} OAuth clients are named ` +
        `${JSON.stringify(searchedName)} (${how}; deleted clients ignored). Look it up by ` +
        `clientId instead, or rename the others:${list}`;
    } else {
      message =
        `getOauthClient: no OAuth client is named ${JSON.stringify(searchedName)} ` +
        `(${how}; deleted clients ignored).` +
        (candidates.length > 0
          ? ` Similar names:${list}`
          : " No client has a similar name; check the org and region the settings point at.");
      if (!ignoreCase) message += "\nPass ignoreCase: true to match names regardless of case.";
    }
    super("OAuthClientMatchError", message);
    this.reason = reason;
    this.searchedName = searchedName;
    this.ignoreCase = ignoreCase;
    this.candidates = candidates.map((c) => ({ ...c }));
  }
}

/** Why a usage query gave no rows: the service reported `Failed`, or polling ran out of time. */
export type UsageQueryFailure = "failed" | "timeout";

/** What {@link UsageQueryError} is built from. */
export interface UsageQueryErrorInit {
  /** `failed` or `timeout`. */
  reason: UsageQueryFailure;
  /** The OAuth client whose usage was queried. */
  clientId: string;
  /** The execution that was polled. */
  executionId: string;
  /** How many times the results were polled. */
  polls: number;
  /** Milliseconds from the start of the query to giving up. */
  elapsedMs: number;
  /** The last `queryStatus` seen (`Failed`, `Running`, …), if any poll answered. */
  lastStatus?: string;
}

/**
 * A usage query ended without results: the service reported `queryStatus: "Failed"`, or it was
 * still running when the poll timeout ran out. Carries the execution id, so a later
 * `getOauthClientUsageQueryResult(executionId, clientId)` can still pick the results up.
 */
export class UsageQueryError extends GenesysError {
  /** `failed` or `timeout`. */
  readonly reason: UsageQueryFailure;
  /** The OAuth client whose usage was queried. */
  readonly clientId: string;
  /** The execution id of the query. */
  readonly executionId: string;
  /** How many times the results were polled. */
  readonly polls: number;
  /** Milliseconds from the start of the query to giving up. */
  readonly elapsedMs: number;
  /** The last `queryStatus` seen, if any poll answered. */
  readonly lastStatus?: string;

  constructor(init: UsageQueryErrorInit) {
    const what = `Usage query ${init.executionId} of OAuth client ${init.clientId}`;
    const message =
      init.reason === "failed"
        ? `${what} failed: the service reported queryStatus "Failed" after ${init.polls} ` +
          `poll(s). Run the query again later, or with a shorter interval.`
        : `${what} did not complete within ${init.elapsedMs} ms (${init.polls} poll(s), last ` +
          `queryStatus ${JSON.stringify(init.lastStatus ?? "none")}). Usage queries can take ` +
          `minutes: raise poll.timeoutMs, or fetch the results later with ` +
          `getOauthClientUsageQueryResult("${init.executionId}", "${init.clientId}").`;
    super("UsageQueryError", message);
    this.reason = init.reason;
    this.clientId = init.clientId;
    this.executionId = init.executionId;
    this.polls = init.polls;
    this.elapsedMs = init.elapsedMs;
    if (init.lastStatus !== undefined) this.lastStatus = init.lastStatus;
  }
}
