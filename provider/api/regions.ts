/**
 * Genesys Cloud regions and the base URLs of their API and login services, plus the rules for
 * explicit `apiUrl`/`loginUrl` overrides (emulator, gateways). Pure functions of plain data.
 */
import { GenesysSettingsError } from "./errors";

/** One public Genesys Cloud region. */
export interface GenesysRegion {
  /** The region name as the Terraform/Pulumi providers spell it, e.g. `eu-west-1`. */
  readonly region: string;
  /** The domain of the region's services, e.g. `mypurecloud.ie`. */
  readonly domain: string;
}

/** The 18 public regions (the official SDK's `PureCloudRegionHosts`, Terraform's region map). */
export const GENESYS_REGIONS: ReadonlyArray<GenesysRegion> = Object.freeze(
  [
    { region: "us-east-1", domain: "mypurecloud.com" },
    { region: "us-east-2", domain: "use2.us-gov-pure.cloud" },
    { region: "us-west-2", domain: "usw2.pure.cloud" },
    { region: "ca-central-1", domain: "cac1.pure.cloud" },
    { region: "eu-west-1", domain: "mypurecloud.ie" },
    { region: "eu-west-2", domain: "euw2.pure.cloud" },
    { region: "eu-central-1", domain: "mypurecloud.de" },
    { region: "eu-central-2", domain: "euc2.pure.cloud" },
    { region: "ap-south-1", domain: "aps1.pure.cloud" },
    { region: "ap-northeast-1", domain: "mypurecloud.jp" },
    { region: "ap-northeast-2", domain: "apne2.pure.cloud" },
    { region: "ap-northeast-3", domain: "apne3.pure.cloud" },
    { region: "ap-southeast-1", domain: "apse1.pure.cloud" },
    { region: "ap-southeast-2", domain: "mypurecloud.com.au" },
    { region: "sa-east-1", domain: "sae1.pure.cloud" },
    { region: "me-central-1", domain: "mec1.pure.cloud" },
    { region: "mx-central-1", domain: "mxc1.pure.cloud" },
    { region: "eusc-de-east-1", domain: "edee1.eusc-pure.cloud" },
  ].map((r) => Object.freeze(r)),
);

/** The region used when none is configured, as in the official SDKs. */
export const DEFAULT_REGION = "us-east-1";

/** The base URLs of one Genesys Cloud environment. */
export interface GenesysEndpoints {
  /** Base of the Platform API, e.g. `https://api.mypurecloud.ie` (no trailing slash). */
  apiUrl: string;
  /** Base of the login service (`{loginUrl}/oauth/token`), e.g. `https://login.mypurecloud.ie`. */
  loginUrl: string;
}

/**
 * Finds a region by name or domain: `eu-west-1`, `EU_WEST_1` (the SDK's keys), `mypurecloud.ie`,
 * `api.mypurecloud.ie`, `https://api.mypurecloud.ie/`. Returns `undefined` when unknown.
 */
export function findRegion(nameOrDomain: string): GenesysRegion | undefined {
  let text = nameOrDomain.trim().toLowerCase();
  if (text.includes("://")) {
    try {
      text = new URL(text).hostname;
    } catch {
      return undefined;
    }
  }
  text = text.replace(/\/+$/, "");
  const host = text.replace(/^(api|login|apps)\./, "");
  const byDomain = GENESYS_REGIONS.find((r) => r.domain === host);
  if (byDomain) return byDomain;
  const name = text.replace(/_/g, "-");
  return GENESYS_REGIONS.find((r) => r.region === name);
}

/**
 * Like {@link findRegion}, but throws a {@link GenesysSettingsError} naming `setting` and listing
 * the valid region names when the region is unknown.
 */
export function resolveRegion(nameOrDomain: string, setting = "region"): GenesysRegion {
  const found = findRegion(nameOrDomain);
  if (found) return found;
  throw new GenesysSettingsError(
    `${setting} is ${JSON.stringify(nameOrDomain)}, which is not a Genesys Cloud region. ` +
      `Valid regions: ${GENESYS_REGIONS.map((r) => r.region).join(", ")} ` +
      `(or a region's domain such as mypurecloud.ie). ` +
      `For another environment set apiUrl and loginUrl instead.`,
    [setting],
  );
}

/** The API and login base URLs of a region (a name or domain as {@link findRegion} accepts). */
export function regionEndpoints(region: string | GenesysRegion): GenesysEndpoints {
  const r = typeof region === "string" ? resolveRegion(region) : region;
  return { apiUrl: `https://api.${r.domain}`, loginUrl: `https://login.${r.domain}` };
}

/** Options of {@link isLoopbackHost}. */
export interface LoopbackHostOptions {
  /**
   * Also count `*.localhost` names (RFC 6761 reserves them for the loopback interface). Browsers
   * resolve them there, so they suit redirect URIs; Node's resolver may not, so connection
   * settings leave them out. Default false.
   */
  localhostSubdomains?: boolean;
}

/**
 * True for hosts that never leave this machine: `localhost`, 127.0.0.0/8 and `::1` (bracketed or
 * not), and `*.localhost` when asked. The one rule for both connection settings (plain `http:`
 * only to such hosts) and redirect URIs (a warning for plain `http:` to any other host).
 */
export function isLoopbackHost(hostname: string, options: LoopbackHostOptions = {}): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  if (options.localhostSubdomains === true && /^[^.]+(\.[^.]+)*\.localhost\.?$/.test(host)) {
    return true;
  }
  const octets = host.split(".");
  return (
    octets.length === 4 &&
    octets[0] === "127" &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/** True when `url` is an http(s) URL whose host is a loopback host. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Validates an explicit base URL and returns it normalized (`scheme://host[:port][/prefix]`, no
 * trailing slash). Refused, with an error naming `setting`: anything but `https://` (plain
 * `http://` only for loopback hosts), embedded credentials, a query string or a fragment, and a
 * path ending in `/api/v2`. A path prefix (a gateway) is kept.
 */
export function normalizeBaseUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GenesysSettingsError(
      `${setting} is not a valid URL; expected something like https://api.mypurecloud.com.`,
      [setting],
    );
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      throw new GenesysSettingsError(
        `${setting} uses plain http:// for ${url.host}; credentials are only ever sent over ` +
          `https, except to loopback hosts (127.0.0.0/8, ::1, localhost). ` +
          `Use https://${url.host} instead.`,
        [setting],
      );
    }
  } else if (url.protocol !== "https:") {
    throw new GenesysSettingsError(
      `${setting} must be an https:// URL (http:// only for loopback hosts); got ${url.protocol}`,
      [setting],
    );
  }
  if (url.username || url.password) {
    throw new GenesysSettingsError(
      `${setting} must not contain a user name or password; remove them (${shown}).`,
      [setting],
    );
  }
  if (url.search || url.hash || /[?#]/.test(value)) {
    throw new GenesysSettingsError(
      `${setting} must not contain a query string or fragment; use only ${shown}[/path].`,
      [setting],
    );
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/api\/v2$/i.test(path)) {
    throw new GenesysSettingsError(
      `${setting} must be the base URL without /api/v2 (e.g. ${shown}).`,
      [setting],
    );
  }
  return `${url.protocol}//${url.host}${path}`;
}

/** Region and URL overrides to resolve into endpoints (see {@link resolveEndpoints}). */
export interface EndpointSettings {
  /** A region name or domain. */
  region?: string;
  /** Explicit API base URL. */
  apiUrl?: string;
  /** Explicit login base URL. */
  loginUrl?: string;
}

/** How each setting is called in error messages (a stack config key, an env var, …). */
export interface EndpointSettingNames {
  /** Name of the region setting. */
  region: string;
  /** Name of the API URL setting. */
  apiUrl: string;
  /** Name of the login URL setting. */
  loginUrl: string;
}

/** Resolved endpoints, with the canonical region name when a region was given. */
export interface ResolvedEndpoints extends GenesysEndpoints {
  /** Canonical region name (`eu-west-1`), when one was configured or defaulted. */
  region?: string;
}

/**
 * Resolves a region and optional URL overrides into the two base URLs.
 * - Nothing given: {@link DEFAULT_REGION}.
 * - Both URLs given: used as they are (after validation). Mixing a loopback URL with a remote one
 *   is refused: it would send one environment's credentials or tokens to the other.
 * - Only one URL given: when it is a loopback URL the other one defaults to the same URL (the
 *   emulator serves both); otherwise the other one comes from the region, which must then be
 *   given explicitly (never a silent `us-east-1`, so a gateway's credentials never reach a real
 *   login service by accident).
 */
export function resolveEndpoints(
  input: EndpointSettings,
  names: EndpointSettingNames = { region: "region", apiUrl: "apiUrl", loginUrl: "loginUrl" },
): ResolvedEndpoints {
  const region = input.region !== undefined ? resolveRegion(input.region, names.region) : undefined;
  const api = input.apiUrl !== undefined ? normalizeBaseUrl(input.apiUrl, names.apiUrl) : undefined;
  const login =
    input.loginUrl !== undefined ? normalizeBaseUrl(input.loginUrl, names.loginUrl) : undefined;
  const withRegion = (e: GenesysEndpoints): ResolvedEndpoints =>
    region ? { ...e, region: region.region } : e;

  if (api === undefined && login === undefined) {
    const r = region ?? resolveRegion(DEFAULT_REGION);
    return { ...regionEndpoints(r), region: r.region };
  }
  if (api !== undefined && login !== undefined) {
    if (isLoopbackUrl(api) !== isLoopbackUrl(login)) {
      throw new GenesysSettingsError(
        `${names.apiUrl} (${api}) and ${names.loginUrl} (${login}) must both point to a ` +
          `loopback host or both to a remote one; mixing them would send one environment's ` +
          `credentials to the other.`,
        [names.apiUrl, names.loginUrl],
      );
    }
    return withRegion({ apiUrl: api, loginUrl: login });
  }
  const given = (api ?? login) as string;
  const givenName = api !== undefined ? names.apiUrl : names.loginUrl;
  const missingName = api !== undefined ? names.loginUrl : names.apiUrl;
  if (isLoopbackUrl(given)) return withRegion({ apiUrl: given, loginUrl: given });
  if (!region) {
    throw new GenesysSettingsError(
      `${givenName} is set but ${missingName} is not: set ${missingName} too, or set ` +
        `${names.region} so it can be derived.`,
      [missingName, names.region],
    );
  }
  const derived = regionEndpoints(region);
  return withRegion(
    api !== undefined
      ? { apiUrl: api, loginUrl: derived.loginUrl }
      : { apiUrl: derived.apiUrl, loginUrl: given },
  );
}
