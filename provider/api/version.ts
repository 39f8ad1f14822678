/** The package's name and version, for the `User-Agent` header. */

/** The npm package name, as `User-Agent` reports it. */
export const PACKAGE_NAME = "pulumi-genesyscloud-oauth";

/**
 * This package's version, read from its package.json at run time (relative to the source and to
 * `dist/`, then through the package name); `unknown` when the code runs detached from its package.
 */
export function packageVersion(): string {
  for (const id of ["../../package.json", "../package.json", `${PACKAGE_NAME}/package.json`]) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time
      const pkg = require(id) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") return pkg.version;
    } catch {
      // Not at this location; try the next one.
    }
  }
  return "unknown";
}

/** `pulumi-genesyscloud-oauth/0.1.0 node/v20.x`. */
export function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()} node/${process.version}`;
}
