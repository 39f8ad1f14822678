/**
 * The provider's operations against a scripted API (a fake `Session`): what counts as gone, the
 * end of a delete when Genesys schedules the client for removal instead of removing it, the
 * search for a client whose create lost its response, and the refusals that protect the client
 * the deployment itself logs in with.
 */
import { GenesysApiError, GenesysNetworkError } from "../../../provider/api/errors";
import type { OAuthClient } from "../../../provider/api/models";
import { createClient } from "../../../provider/oauthClient/create";
import { getClientIfExists } from "../../../provider/oauthClient/operations";
import { deleteClient } from "../../../provider/oauthClient/remove";
import type { Session } from "../../../provider/oauthClient/session";
import { updateClient } from "../../../provider/oauthClient/update";
import { CLIENT_ID, CREATED, HOME, RAW, checked, liveOf, outputsOf } from "./fixtures";

const CLIENTS = "/api/v2/oauth/clients";
const OTHER_ID = "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a";

function notFound(path = `${CLIENTS}/${CLIENT_ID}`): GenesysApiError {
  return new GenesysApiError({ method: "GET", path, status: 404, code: "not.found" });
}

/** The API methods the operations call; each test scripts the ones it needs. */
type ApiMethod =
  | "getOauthClient"
  | "getOauthClients"
  | "postOauthClients"
  | "putOauthClient"
  | "deleteOauthClient"
  | "postOauthClientSecret";

/** Scripted API methods. */
type FakeApi = Partial<Record<ApiMethod, jest.Mock>>;

/** A session whose API is `api`, logging in as `ownClientId`, with short waits. */
function fakeSession(api: FakeApi, ownClientId?: string): Session {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`unexpected call: ${name}`)));
  const methods = {
    getOauthClient: unexpected("getOauthClient"),
    getOauthClients: unexpected("getOauthClients"),
    postOauthClients: unexpected("postOauthClients"),
    putOauthClient: unexpected("putOauthClient"),
    deleteOauthClient: unexpected("deleteOauthClient"),
    postOauthClientSecret: unexpected("postOauthClientSecret"),
    ...api,
  };
  return {
    api: {
      ...methods,
      // As OAuthApi answers it: the scripted GET, with its 404 as `undefined`.
      getOauthClientIfExists: (id: string): Promise<OAuthClient | undefined> =>
        (methods.getOauthClient(id) as Promise<OAuthClient>).catch((err: unknown) => {
          if (err instanceof GenesysApiError && err.status === 404) return undefined;
          throw err;
        }),
    },
    options: { requestTimeoutMs: 1000, deleteWaitMs: 300, usagePollIntervalMs: 1 },
    version: "9.9.9",
    now: () => new Date(CREATED),
    homeDivisionId: () => Promise.resolve(HOME),
    ownClientId: () => ownClientId,
  } as unknown as Session;
}

describe("getClientIfExists", () => {
  const code = liveOf(checked(RAW.CODE));
  const answers: Record<string, () => Promise<OAuthClient>> = {
    "a 404": () => Promise.reject(notFound()),
    "state deleted": () => Promise.resolve({ ...code, state: "deleted" }),
    "state active": () => Promise.resolve(code),
    // Scheduled for removal by someone else: refresh must still see it.
    "state inactive with a dateToDelete": () =>
      Promise.resolve({ ...code, state: "inactive", dateToDelete: "2026-06-01T00:00:00Z" }),
  };
  it.each<[string, boolean]>([
    ["a 404", false],
    ["state deleted", false],
    ["state active", true],
    ["state inactive with a dateToDelete", true],
  ])("reads %s as existing: %s", async (what, exists) => {
    const session = fakeSession({ getOauthClient: jest.fn(answers[what]) });
    expect((await getClientIfExists(session, CLIENT_ID)) !== undefined).toBe(exists);
  });

  it("throws any other failure", async () => {
    const failure = new GenesysApiError({ method: "GET", path: CLIENTS, status: 500 });
    const session = fakeSession({ getOauthClient: jest.fn(() => Promise.reject(failure)) });
    await expect(getClientIfExists(session, CLIENT_ID)).rejects.toBe(failure);
  });
});

describe("delete of a client Genesys schedules for removal", () => {
  const props = { ...outputsOf(checked(RAW.CODE)), state: "inactive" };

  it("is done when, after our DELETE, the client reads inactive with a dateToDelete", async () => {
    const scheduled = {
      ...liveOf(checked(RAW.CODE)),
      state: "inactive",
      dateToDelete: "2026-05-10T10:00:00Z",
    };
    const api = {
      deleteOauthClient: jest.fn(() => Promise.resolve()),
      getOauthClient: jest.fn(() => Promise.resolve(scheduled)),
    };
    await expect(deleteClient(fakeSession(api), CLIENT_ID, props)).resolves.toBeUndefined();
    expect(api.deleteOauthClient).toHaveBeenCalledTimes(1);
    expect(api.getOauthClient).toHaveBeenCalledTimes(1);
  });

  it("still waits for an inactive client without a dateToDelete, and says so when it stays", async () => {
    const api = {
      deleteOauthClient: jest.fn(() => Promise.resolve()),
      getOauthClient: jest.fn(() =>
        Promise.resolve({ ...liveOf(checked(RAW.CODE)), state: "inactive" }),
      ),
    };
    await expect(deleteClient(fakeSession(api), CLIENT_ID, props)).rejects.toThrow(
      /was deleted but still exists after/,
    );
    expect(api.getOauthClient.mock.calls.length).toBeGreaterThan(1);
  });
});

describe("a create whose response was lost", () => {
  const inputs = checked(RAW["CLIENT-CREDENTIALS"]);
  const lost = new GenesysNetworkError({
    method: "POST",
    path: CLIENTS,
    origin: "http://127.0.0.1:1",
    kind: "reset",
    outcomeUnknown: true,
    attempts: 1,
  });
  // Made by the lost request: created just now (the search looks only at clients that recent).
  const created = { ...liveOf(inputs), dateCreated: new Date().toISOString() };

  it("reads each candidate of the listing in full: a listing without roles still finds it", async () => {
    // The listing leaves roleDivisions out (as the real one may); only the GET has them.
    const { roleDivisions: _r, roleIds: _i, ...summary } = created;
    const other = { ...summary, id: OTHER_ID, dateCreated: "2020-01-01T00:00:00Z" };
    const api = {
      postOauthClients: jest.fn(() => Promise.reject(lost)),
      getOauthClients: jest.fn(() => Promise.resolve({ entities: [other, summary] })),
      getOauthClient: jest.fn((id: string) =>
        id === CLIENT_ID ? Promise.resolve(created) : Promise.reject(notFound()),
      ),
      postOauthClientSecret: jest.fn(() => Promise.resolve({ ...created, secret: "regenerated" })),
    };
    const printed: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((line) => printed.push(line));
    const result = await createClient(fakeSession(api), inputs, "provider").finally(() =>
      log.mockRestore(),
    );
    expect(printed).toEqual([
      expect.stringMatching(/response was lost; found the client it created .* regenerated/),
    ]);
    expect(result.id).toBe(CLIENT_ID);
    expect(result.outs.clientSecret).toBe("regenerated");
    expect(api.postOauthClients).toHaveBeenCalledTimes(1);
    // Only the candidate created since the attempt is read; the old namesake is not.
    expect(api.getOauthClient.mock.calls).toEqual([[CLIENT_ID]]);
  });

  it("does not take over a namesake whose full client differs", async () => {
    const differs = { ...created, roleDivisions: [{ roleId: OTHER_ID, divisionId: "*" }] };
    const { roleDivisions: _r, roleIds: _i, ...summary } = differs;
    let posts = 0;
    const api = {
      postOauthClients: jest.fn(() =>
        ++posts === 1 ? Promise.reject(lost) : Promise.resolve({ ...created, id: OTHER_ID }),
      ),
      getOauthClients: jest.fn(() => Promise.resolve({ entities: [summary] })),
      getOauthClient: jest.fn(() => Promise.resolve(differs)),
    };
    const result = await createClient(fakeSession(api), inputs, "provider");
    expect(result.id).toBe(OTHER_ID);
    expect(api.postOauthClients).toHaveBeenCalledTimes(2);
  });

  it.each<[string, FakeApi]>([
    [
      "the listing fails",
      { getOauthClients: jest.fn(() => Promise.reject(new Error("GET listing: 503"))) },
    ],
    [
      "reading a candidate fails",
      {
        getOauthClients: jest.fn(() => Promise.resolve({ entities: [created] })),
        getOauthClient: jest.fn(() => Promise.reject(new Error("GET client: 500"))),
      },
    ],
  ])("says what is at stake when %s", async (_what, search) => {
    const api = { postOauthClients: jest.fn(() => Promise.reject(lost)), ...search };
    const err = await createClient(fakeSession(api), inputs, "provider").then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /^Creating OAuth client "billing-sync" may have created it \(the response was lost: POST .* connection reset.*\) and looking for it failed: GET (listing: 503|client: 500); check Genesys Cloud for a client named "billing-sync" before running pulumi up again/,
    );
    expect(api.postOauthClients).toHaveBeenCalledTimes(1);
  });
});

describe("the client the deployment logs in with", () => {
  const inputs = checked({ ...RAW["CLIENT-CREDENTIALS"], secretRotationTrigger: "v2" });
  const olds = {
    ...outputsOf(checked({ ...RAW["CLIENT-CREDENTIALS"], secretRotationTrigger: "v1" })),
  };

  it("is never deleted: refused before any request", async () => {
    const session = fakeSession({}, CLIENT_ID.toUpperCase());
    await expect(deleteClient(session, CLIENT_ID, olds)).rejects.toThrow(
      /^Refusing to delete OAuth client "billing-sync" \(.+\): it is the client this stack deploys with .* Nothing was changed\. To delete it, run this stack with the credentials of another client/,
    );
  });

  it("never gets its secret regenerated, and an update that would do so writes nothing", async () => {
    const session = fakeSession({}, CLIENT_ID);
    const changed = { ...inputs, description: "changed too" };
    await expect(updateClient(session, CLIENT_ID, olds, changed, "p")).rejects.toThrow(
      /^Refusing to regenerate the secret of OAuth client "billing-sync" .*Nothing was changed\. Manage this client from a stack that deploys with the credentials of another client, or remove secretRotationTrigger and rotateAfterDays/,
    );
  });

  it("is updated like any other client when no rotation is due", async () => {
    const put = jest.fn((_id: string, _body: unknown) =>
      Promise.resolve(liveOf(checked({ ...RAW["CLIENT-CREDENTIALS"], description: "x" }))),
    );
    const session = fakeSession({ putOauthClient: put }, CLIENT_ID);
    const news = checked({
      ...RAW["CLIENT-CREDENTIALS"],
      secretRotationTrigger: "v1",
      description: "x",
    });
    const outs = await updateClient(session, CLIENT_ID, olds, news, "p");
    expect(outs.description).toBe("x");
    expect(put).toHaveBeenCalledTimes(1);
  });

  it("is deleted normally when the deployment logs in as another client", async () => {
    const api = {
      putOauthClient: jest.fn(() => Promise.resolve(liveOf(inputs))),
      deleteOauthClient: jest.fn(() => Promise.resolve()),
      getOauthClient: jest.fn(() => Promise.reject(notFound())),
    };
    await deleteClient(fakeSession(api, OTHER_ID), CLIENT_ID, olds);
    expect(api.deleteOauthClient).toHaveBeenCalledWith(CLIENT_ID);
  });
});
