/**
 * `dataFile`: the whole state survives a restart (bootstrap credentials, clients, current
 * secrets, tokens, usage); secrets of API-created clients are stored hashed only.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, EMULATOR_ROLE_IDS, EMULATOR_DIVISION_IDS } from "../../provider/emulator";
import { adminApi, apiCaller, ccClient, login, tokenRequest } from "./helpers";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-data-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("dataFile", () => {
  it("restores clients, current secrets, tokens and usage after a restart", async () => {
    const dataFile = path.join(dir, "nested", "state.json");
    const first = await startEmulator({ dataFile });
    const api = await adminApi(first);
    const created = (
      await api("POST", "/api/v2/oauth/clients", {
        body: ccClient(EMULATOR_ROLE_IDS.developer, EMULATOR_DIVISION_IDS.home, {
          name: "survivor",
        }),
      })
    ).body as { id: string; secret: string };
    const rotated = (await api("POST", `/api/v2/oauth/clients/${created.id}/secret`)).body as {
      secret: string;
    };
    const robotToken = await login(first, created.id, rotated.secret);
    await apiCaller(first, robotToken)("GET", "/api/v2/oauth/scopes");
    await first.admin.seedUsage(created.id, [{ date: "2030-01-01", status200: 3 }]);
    const { clientId, clientSecret } = first;
    await first.close();

    const stored = fs.readFileSync(dataFile, "utf8");
    expect(stored).not.toContain(rotated.secret);
    expect(stored).not.toContain(created.secret);
    expect(stored).not.toContain(robotToken);
    if (process.platform !== "win32") expect(fs.statSync(dataFile).mode & 0o777).toBe(0o600);

    const second = await startEmulator({ dataFile });
    try {
      expect(second.clientId).toBe(clientId);
      expect(second.clientSecret).toBe(clientSecret);
      expect((await tokenRequest(second, created.id, rotated.secret)).status).toBe(200);
      expect((await tokenRequest(second, created.id, created.secret)).status).toBe(400);
      const again = apiCaller(second, robotToken);
      const got = await again("GET", `/api/v2/oauth/clients/${created.id}`);
      expect(got.status).toBe(200);
      expect((got.body as { name: string }).name).toBe("survivor");
      const usage = (await second.admin.clients()).map((c) => c.name);
      expect(usage).toEqual(expect.arrayContaining(["survivor", "Emulator bootstrap admin"]));
    } finally {
      await second.close();
    }
  });

  it("lets explicit bootstrap credentials override the file's", async () => {
    const dataFile = path.join(dir, "state.json");
    const first = await startEmulator({ dataFile });
    await first.close();
    const second = await startEmulator({ dataFile, adminClientSecret: "new-local-secret" });
    try {
      expect(second.clientId).toBe(first.clientId);
      expect(second.clientSecret).toBe("new-local-secret");
      expect((await tokenRequest(second, second.clientId, "new-local-secret")).status).toBe(200);
      expect((await tokenRequest(second, second.clientId, first.clientSecret)).status).toBe(400);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a corrupt data file instead of overwriting it", async () => {
    const dataFile = path.join(dir, "state.json");
    fs.writeFileSync(dataFile, "{ not json");
    await expect(startEmulator({ dataFile })).rejects.toThrow(/not valid JSON/);
    expect(fs.readFileSync(dataFile, "utf8")).toBe("{ not json");
  });
});
