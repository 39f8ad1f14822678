/**
 * The provider object that `OAuthClient` hands to `pulumi.dynamic.Resource`, and therefore the code
 * the engine stores as `__provider` in the state of every OAuth client.
 *
 * It is deliberately a thin stub: each method loads the installed package at run time inside the
 * dynamic-provider host (`require` calls are kept verbatim by Pulumi's closure serializer and
 * resolve against the project's node_modules) and delegates to the real provider. So refresh and
 * destroy always run the installed version of this package, like a provider plugin would, the
 * serialized text stays small (under 4 KB) and it never changes between releases, so upgrading the
 * package never shows a diff or forces an update. The contract with the package is the `host`
 * entry point's `createOAuthClientProvider()`; keep it stable across versions.
 *
 * Keep this file free of imports and of comments inside method bodies: the serializer copies the
 * method sources (comments included) into the state.
 */
export class OAuthClientProviderStub {
  private impl?: HostedProvider;

  private load(): HostedProvider {
    if (!this.impl) {
      this.impl = require("pulumi-genesyscloud-oauth/host").createOAuthClientProvider();
    }
    return this.impl as HostedProvider;
  }

  async configure(req: unknown): Promise<void> {
    return this.load().configure(req);
  }

  async check(olds: unknown, news: unknown): Promise<unknown> {
    return this.load().check(olds, news);
  }

  async diff(id: string, olds: unknown, news: unknown): Promise<unknown> {
    return this.load().diff(id, olds, news);
  }

  async create(inputs: unknown): Promise<unknown> {
    return this.load().create(inputs);
  }

  async read(id: string, props: unknown): Promise<unknown> {
    return this.load().read(id, props);
  }

  async update(id: string, olds: unknown, news: unknown): Promise<unknown> {
    return this.load().update(id, olds, news);
  }

  async delete(id: string, props: unknown): Promise<void> {
    return this.load().delete(id, props);
  }
}

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
