/**
 * The one call of the Genesys Cloud `AuthorizationAPI` the provider needs: the home division,
 * which a role grant without a division resolves to (as the Terraform provider does). It shares
 * the connection (token, pacing, retries) with `OAuthApi`.
 */
import { toConnection, type Connection, type ConnectionOrSettings, type HttpOptions } from "./http";
import type { Division } from "./models";
import { objectBody } from "./oauthApi";

/** Genesys Cloud `AuthorizationAPI` (the home division lookup only). */
export class AuthorizationApi {
  /** The connection the calls go through. */
  readonly connection: Connection;

  /**
   * @param connectionOrSettings an existing connection (e.g. `oauthApi.connection`), or settings
   * @param options HTTP options for a new connection (not allowed with an existing one)
   */
  constructor(connectionOrSettings: ConnectionOrSettings, options?: HttpOptions) {
    this.connection = toConnection(connectionOrSettings, options);
  }

  /** Returns the home division (`GET /api/v2/authorization/divisions/home`). */
  async getAuthorizationDivisionsHome(): Promise<Division> {
    const path = "/api/v2/authorization/divisions/home";
    const res = await this.connection.request({ method: "GET", path });
    return objectBody<Division>(res, "GET", path);
  }
}
