/**
 * The provider object that `OAuthClient` hands to `pulumi.dynamic.Resource`, and therefore the code
 * the engine stores as `__provider` in the state of every OAuth client.
 *
 * It is deliberately a thin stub: each method loads the installed package at run time inside the
 * dynamic-provider host (`require` calls are kept verbatim by Pulumi's closure serializer and
 * resolve against the project's node_modules) and delegates to the process's provider. So refresh
 * and destroy always run the installed version of this package, like a provider plugin would, and
 * the text never changes between releases, so upgrading the package never shows a diff or forces
 * an update.
 *
 * It is small on purpose (about 2 KB serialized): the engine and the host copy `__provider` in
 * almost every request and response, and protobuf's JavaScript string codec is a large share of
 * their CPU. Hence arrow functions that capture nothing (each captured value or `this` adds a
 * serialized environment) and one line each. The contract with the package is the `host` entry
 * point's `provider()` (and `createOAuthClientProvider()`, which states written by earlier builds
 * call); keep both stable across versions.
 *
 * Keep this file free of imports, and keep comments out of the functions: the serializer copies
 * their sources (comments included) into the state.
 */

/** The methods the host entry's provider offers to the stub (a plain dynamic ResourceProvider). */
export interface HostedProvider {
  configure(req: unknown): Promise<void>;
  check(olds: unknown, news: unknown): Promise<unknown>;
  diff(id: string, olds: unknown, news: unknown): Promise<unknown>;
  create(inputs: unknown): Promise<unknown>;
  read(id: string, props: unknown): Promise<unknown>;
  update(id: string, olds: unknown, news: unknown): Promise<unknown>;
  delete(id: string, props: unknown): Promise<void>;
}

/** The installed package's provider, as the host entry hands it out. */
type Hosted = () => HostedProvider;

/** The stub: every method forwards its arguments to the installed package's provider. */
export const oauthClientProviderStub: HostedProvider = {
  configure: (r) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().configure(r),
  check: (o, n) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().check(o, n),
  diff: (i, o, n) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().diff(i, o, n),
  create: (n) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().create(n),
  read: (i, p) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().read(i, p),
  update: (i, o, n) =>
    (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().update(i, o, n),
  delete: (i, p) => (require("pulumi-genesyscloud-oauth/host").provider as Hosted)().delete(i, p),
};
