import * as pulumi from "@pulumi/pulumi";
import { oauthClientProviderStub } from "./stub";
import { INPUT_KEYS, OUTPUT_FIELDS } from "./types";

/** A role granted to a client-credentials client, in one division or in all of them. */
export interface RoleDivisionArgs {
  /** The id of the role (see Admin > Roles / Permissions, or `GET /api/v2/authorization/roles`). */
  roleId: pulumi.Input<string>;
  /**
   * The division the role applies in. Omit it for the org's home division (resolved through the
   * API when the client is created); `"*"` grants the role in all divisions.
   */
  divisionId?: pulumi.Input<string>;
}

/** Stops `pulumi destroy` (or removal from the program) from deleting a client that is still used. */
export interface DeletionGuardArgs {
  /**
   * Before deleting, the provider asks Genesys Cloud for the client's API usage over this many days.
   * If the client made any request in that window, the delete fails and the client is left
   * untouched. To delete it anyway: remove the guard, `pulumi up`, then delete.
   */
  unusedForDays: pulumi.Input<number>;
}

/**
 * The arguments of an {@link OAuthClient}. The fields named like the Genesys `OAuthClientRequest`
 * are sent to the API as they are; the others steer the provider.
 */
export interface OAuthClientArgs {
  /** The name of the OAuth client as shown in Genesys Cloud. Defaults to the resource name. */
  name?: pulumi.Input<string>;
  /** A free-text description. Omitted means empty. */
  description?: pulumi.Input<string>;
  /**
   * The OAuth grant type: `CODE`, `TOKEN` (implicit), `SAML2-BEARER`, `PASSWORD` or
   * `CLIENT-CREDENTIALS`. The legacy spellings `SAML2BEARER` and `CLIENT_CREDENTIALS` are accepted
   * and normalized. Changing it updates the client in place (the API allows it).
   */
  authorizedGrantType: pulumi.Input<string>;
  /** Lifetime of the access tokens this client creates, 300 to 172800 seconds; default 86400. */
  accessTokenValiditySeconds?: pulumi.Input<number>;
  /**
   * Allowed OAuth redirect URIs (code and implicit grants), e.g.
   * `https://app.example.com/callback`. Compared as a set: order does not matter.
   */
  registeredRedirectUri?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * OAuth scopes the client may request, e.g. `["users:readonly", "analytics"]`. Required for every
   * grant except `CLIENT-CREDENTIALS`, which uses roles instead. Compared as a set.
   */
  scope?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Roles (each in a division) granted to a `CLIENT-CREDENTIALS` client. Compared as a set. The
   * identity running Pulumi must itself hold these roles, as Genesys Cloud requires.
   */
  roleDivisions?: pulumi.Input<pulumi.Input<RoleDivisionArgs>[]>;
  /** Deprecated by Genesys in favour of `roleDivisions`; still accepted for existing programs. */
  roleIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * `active` (default) or `inactive` (no new tokens). New clients are created active and then made
   * inactive when asked, because the API only creates active clients. `disabled` is set by Genesys
   * support only and cannot be requested.
   */
  state?: pulumi.Input<string>;
  /**
   * Any string; changing it regenerates the client secret on the next `pulumi up` (an in-place
   * update, never a replacement). Use a date or a ticket number, e.g. `"2026-Q4"`.
   */
  secretRotationTrigger?: pulumi.Input<string>;
  /**
   * Regenerate the secret automatically when it is older than this many days (counted from the
   * last rotation by this provider, or from the client's creation date). `pulumi preview` shows the
   * client as an update with the reason when a rotation is due. Combines with
   * `secretRotationTrigger`; one update never rotates twice.
   */
  rotateAfterDays?: pulumi.Input<number>;
  /** Refuse to delete the client while it is still used; see {@link DeletionGuardArgs}. */
  deletionGuard?: pulumi.Input<DeletionGuardArgs>;
  /**
   * Manage an existing client (its id, a UUID) instead of creating one: dynamic providers cannot
   * use `pulumi import`. The first `up` takes the client over and sets the declared fields. Its
   * secret is unknown until the first rotation (set `secretRotationTrigger` to rotate on adoption).
   * An adopted client is deleted by `pulumi destroy` like any other.
   */
  adoptClientId?: pulumi.Input<string>;
}

/**
 * A Genesys Cloud OAuth client, managed through `POST/GET/PUT/DELETE /api/v2/oauth/clients`.
 *
 * Connection settings come from the stack configuration (`genesyscloud:oauthclientId`,
 * `genesyscloud:oauthclientSecret`, `genesyscloud:awsRegion`, …) or the `GENESYSCLOUD_*`
 * environment variables; see the README. The client secret is stored encrypted in the state.
 */
export class OAuthClient extends pulumi.dynamic.Resource {
  /** The OAuth client id (the id of the client in Genesys Cloud). */
  declare public readonly clientId: pulumi.Output<string>;
  /**
   * The client secret (a Pulumi secret). Genesys returns it only when the client is created or the
   * secret regenerated, so it is unknown (undefined) for an adopted client until its first
   * rotation.
   */
  declare public readonly clientSecret: pulumi.Output<string | undefined>;
  /** The client's name. */
  declare public readonly name: pulumi.Output<string>;
  /** The description ("" when none). */
  declare public readonly description: pulumi.Output<string>;
  /** The normalized grant type. */
  declare public readonly authorizedGrantType: pulumi.Output<string>;
  /** Token lifetime in seconds. */
  declare public readonly accessTokenValiditySeconds: pulumi.Output<number>;
  /** Registered redirect URIs, sorted. */
  declare public readonly registeredRedirectUri: pulumi.Output<string[]>;
  /** Scopes, sorted (undefined for client-credentials clients). */
  declare public readonly scope: pulumi.Output<string[] | undefined>;
  /**
   * The roles, as declared: sorted, a division left out where the program left it out (the home
   * division, see `homeDivisionId`), and without the roles granted through `roleIds`. After a
   * refresh that found roles changed outside Pulumi, the client's actual grants in that form.
   * Undefined when not declared (grants other than client credentials).
   */
  declare public readonly roleDivisions: pulumi.Output<
    { roleId: string; divisionId?: string }[] | undefined
  >;
  /**
   * Deprecated role ids, as declared (sorted). After a refresh that found one of them revoked
   * outside Pulumi, the declared ids the client still holds.
   */
  declare public readonly roleIds: pulumi.Output<string[] | undefined>;
  /** `active` or `inactive`. */
  declare public readonly state: pulumi.Output<string>;
  /** The rotation trigger, as declared. */
  declare public readonly secretRotationTrigger: pulumi.Output<string | undefined>;
  /** The scheduled rotation period in days, as declared. */
  declare public readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /** The deletion guard, as declared. */
  declare public readonly deletionGuard: pulumi.Output<{ unusedForDays: number } | undefined>;
  /** The adopted client's id, as declared. */
  declare public readonly adoptClientId: pulumi.Output<string | undefined>;
  /** When this provider last regenerated the secret (ISO-8601); undefined if never. */
  declare public readonly secretRotatedAt: pulumi.Output<string | undefined>;
  /** When the client was created (ISO-8601, from Genesys). */
  declare public readonly dateCreated: pulumi.Output<string | undefined>;
  /** When the client was last modified (ISO-8601, from Genesys). */
  declare public readonly dateModified: pulumi.Output<string | undefined>;
  /** Who created the client. */
  declare public readonly createdBy: pulumi.Output<{ id?: string; name?: string } | undefined>;
  /** Who last modified the client. */
  declare public readonly modifiedBy: pulumi.Output<{ id?: string; name?: string } | undefined>;
  /** When Genesys will delete the client, if it is scheduled for deletion. */
  declare public readonly dateToDelete: pulumi.Output<string | undefined>;
  /** The id of the org's home division, used for roles declared without a division. */
  declare public readonly homeDivisionId: pulumi.Output<string | undefined>;
  /** The version of this package that last wrote the resource. */
  declare public readonly providerVersion: pulumi.Output<string>;

  /**
   * Declares an OAuth client.
   *
   * @param name The Pulumi resource name (also the client's name when `args.name` is omitted).
   * @param args The client's fields.
   * @param opts Resource options. `additionalSecretOutputs: ["clientSecret"]` is always added.
   *   `import` is refused: dynamic providers cannot import (use `adoptClientId`).
   * @throws Error when `opts.import` is set.
   */
  constructor(name: string, args: OAuthClientArgs, opts?: pulumi.CustomResourceOptions) {
    if (opts?.import !== undefined && opts.import !== null) throw importError(name, opts.import);
    super(
      oauthClientProvider as unknown as pulumi.dynamic.ResourceProvider,
      name,
      {
        // Every output must be a key here (undefined when not set): the SDK only creates the
        // resource's Output properties for the keys it registers.
        ...UNSET_INPUTS,
        ...args,
        name: args.name ?? name,
        ...UNSET_OUTPUTS,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["clientSecret"] }),
      "genesys",
      "OAuthClient",
    );
  }
}
/** Every input, unset: the args a program gives override them. */
const UNSET_INPUTS: Record<string, undefined> = Object.fromEntries(
  INPUT_KEYS.map((key) => [key, undefined]),
);

/** Every output that is not an input, unset (after the args: a program cannot set them). */
const UNSET_OUTPUTS: Record<string, undefined> = Object.fromEntries(
  OUTPUT_FIELDS.map((key) => [key, undefined]),
);

/**
 * The engine imports a resource by sending only its id, but a dynamic provider's code travels in
 * the resource's inputs, so the host fails with the cryptic "code must be a string, not
 * undefined". Say instead what works.
 */
function importError(name: string, id: pulumi.Input<string>): Error {
  const shown = typeof id === "string" ? ` "${id}"` : "";
  return new Error(
    `OAuthClient "${name}": the import resource option${shown} is not supported: Pulumi cannot ` +
      "import resources of dynamic providers. Remove `import` and set `adoptClientId` to the " +
      "client's id instead: the next `pulumi up` takes the existing client over without " +
      "recreating it. To write a program for many existing clients, run `npx genesys-oauth export`.",
  );
}

/** One stub shared by every OAuthClient, so Pulumi serializes it once per program. */
const oauthClientProvider = oauthClientProviderStub;
