/**
 * The demo's checks: every step states what it expects, and a surprise stops the demo.
 */

/** A step of the demo did not behave as expected. */
export class DemoFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DemoFailure";
  }
}

/** Throws {@link DemoFailure} with `expectation` unless `ok`. */
export function expectThat(ok: boolean, expectation: string): void {
  if (!ok) throw new DemoFailure(`expected: ${expectation}`);
}

/** Whether the token endpoint issues a token for these client credentials. */
export async function tokenAccepted(
  loginUrl: string,
  clientId: string,
  secret: string,
): Promise<boolean> {
  const response = await fetch(`${loginUrl}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  await response.arrayBuffer();
  return response.status === 200;
}
