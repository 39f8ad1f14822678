/**
 * The usage that a client's own traffic leaves in the emulator, shared by the suites that make
 * that traffic (the emulator's usage suite over raw HTTP, the lookup functions' usage suite):
 * 3 scope listings, 2 reads of the client itself and 1 read of a missing client, all on one day.
 */
import type { ApiUsageRow } from "../../provider/api/models";

/** The traffic's rows grouped by TemplateUri and HttpMethod, in the emulator's order, undated. */
export const ROBOT_TRAFFIC_ROWS: readonly ApiUsageRow[] = [
  {
    templateUri: "/api/v2/oauth/clients/{clientId}",
    httpMethod: "GET",
    status200: 2,
    status300: 0,
    status400: 1,
    status500: 0,
    status429: 0,
    requests: 3,
  },
  {
    templateUri: "/api/v2/oauth/scopes",
    httpMethod: "GET",
    status200: 3,
    status300: 0,
    status400: 0,
    status500: 0,
    status429: 0,
    requests: 3,
  },
];

/** The traffic's totals over every metric, undated. */
export const ROBOT_TRAFFIC_TOTALS: Readonly<ApiUsageRow> = {
  status200: 5,
  status300: 0,
  status400: 1,
  status500: 0,
  status429: 0,
  requests: 6,
};
