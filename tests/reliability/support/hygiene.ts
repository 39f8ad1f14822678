/**
 * Resource hygiene: every reliability test file checks, when it ends, that each dynamic-provider
 * host it launched is closed and its whole process group gone (the host's wrapper forks node, so
 * a closed wrapper alone proves nothing).
 */
import { liveHosts, processGroupMembers } from "../../../provider/testing";

/** Process groups of the hosts seen so far in this test file (jest loads this module per file). */
const seen = new Set<number>();

/** Records the process groups of the hosts running now; call after starting them. */
export function rememberHosts(): void {
  for (const host of liveHosts()) seen.add(host.pgid);
}

/**
 * Asserts that no host is running any more and that every remembered process group is empty.
 * Resolves the number of process groups checked. Call at the end of `afterAll`.
 */
export async function expectHostsGone(): Promise<number> {
  rememberHosts();
  const alive = liveHosts().map((h) => h.pgid);
  const leftovers: Record<number, number[]> = {};
  for (const pgid of seen) {
    const members = await processGroupMembers(pgid);
    if (members.length > 0) leftovers[pgid] = members;
  }
  expect({ alive, leftovers }).toEqual({ alive: [], leftovers: {} });
  return seen.size;
}

/**
 * Ends a test file: runs `close` (servers, hosts, proxies), checks that every host is gone, then
 * saves the file's figures (also when a check failed, so the report shows the failure).
 */
export async function finish(
  scenario: { set(label: string, value: number): void; save(): Promise<void> },
  close: () => Promise<void>,
): Promise<void> {
  try {
    await close();
    const groups = await expectHostsGone();
    scenario.set("host process groups checked empty at the end", groups);
  } finally {
    await scenario.save();
  }
}
