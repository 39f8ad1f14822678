/**
 * The harness lifecycle that the reliability files built on one plain harness share: started
 * before the block's tests (its hosts remembered for the hygiene check), reset before each test,
 * and closed, checked and the figures saved by {@link finish} after them.
 */
import { startHarness, type Harness } from "../../resource/harness";
import type { Scenario } from "./figures";
import { finish, rememberHosts } from "./hygiene";

/**
 * Registers those hooks in the enclosing `describe`. `bind` gets the harness once it has
 * started, so the block keeps its own variable; its own `beforeEach` hooks run after the reset.
 */
export function withScenarioHarness(scenario: Scenario, bind: (h: Harness) => void): void {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    bind(h);
    rememberHosts();
  });
  afterAll(async () => {
    await finish(scenario, async () => {
      await h?.close();
    });
  });
  beforeEach(async () => {
    await h.reset();
  });
}
