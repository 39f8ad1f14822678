/**
 * The emulator in a worker thread. The rate-limit test times requests at a recording proxy in the
 * jest thread; with the emulator in the same thread, a burst of 50 requests, which the emulator
 * answers one at a time, delays the proxy's view of the last arrivals by hundreds of ms. In its
 * own thread the emulator cannot hold up the proxy's clock. It runs the built package
 * (`dist/emulator`, kept fresh by the suite's global setup), the same code as the source.
 */
import * as path from "path";
import { Worker } from "worker_threads";
import { EmulatorAdmin, type EmulatorOptions } from "../../../provider/emulator";
import { REPO_DIR } from "./figures";

/** What the tests use of a running emulator. */
export interface ThreadedEmulator {
  /** Base URL of the API (and of the login service). */
  apiUrl: string;
  /** Base URL of the login service. */
  loginUrl: string;
  /** The bootstrap client's id. */
  clientId: string;
  /** The bootstrap client's secret. */
  clientSecret: string;
  /** The admin API. */
  admin: EmulatorAdmin;
  /** Stops the emulator and its thread. */
  close(): Promise<void>;
}

/** The worker's code: start the emulator, report where it is, close it when told to. */
const WORKER = `
const { parentPort, workerData } = require("worker_threads");
const { startEmulator } = require(workerData.module);
startEmulator(workerData.options).then((emu) => {
  parentPort.postMessage({
    apiUrl: emu.apiUrl,
    loginUrl: emu.loginUrl,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    adminUrl: emu.adminUrl,
  });
  parentPort.once("message", () => {
    emu.close().then(() => parentPort.close());
  });
});
`;

/** Starts an emulator (plain-data options only) in its own thread. */
export async function startThreadedEmulator(
  options: Omit<EmulatorOptions, "now"> = {},
): Promise<ThreadedEmulator> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { module: path.join(REPO_DIR, "dist", "emulator", "index.js"), options },
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const info = await new Promise<{
    apiUrl: string;
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    adminUrl: string;
  }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    apiUrl: info.apiUrl,
    loginUrl: info.loginUrl,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    admin: new EmulatorAdmin(info.adminUrl),
    close: async () => {
      worker.postMessage("close");
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
