/**
 * Renders `docs/reliability.md` from the figures the reliability suite saved under
 * `test-results/reliability/` (see support/figures.ts). Regenerate with
 * `RELIABILITY_REPORT=1 npx jest tests/reliability`: every test file saves its figures when it
 * ends and then re-renders the report from all saved figures, so the last file to finish writes
 * the complete document.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readRecords, REPO_DIR, type FigureValue, type ScenarioRecord } from "./support/figures";
import {
  RATE_COMPRESSION,
  RATE_LIMIT,
  RATE_WINDOW_SECONDS,
  RETRY_BASE_DELAY_MS,
  SLOW_MS,
  TIMEOUT_MS,
} from "./support/timing";

/** Where the report is written. */
export const REPORT_FILE = path.join(REPO_DIR, "docs", "reliability.md");

/** The sections, in report order, with what each one claims. */
const SECTIONS: { name: string; claim: string }[] = [
  {
    name: "Rate limits",
    claim:
      "Many resources at once through one host stay within the org's rate limit, every 429 is " +
      "answered by waiting at least its Retry-After (for the whole connection, not only the " +
      "request that got it), and the host asks for exactly one token.",
  },
  {
    name: "Transient faults",
    claim:
      "503 bursts (with and without Retry-After), connection resets and responses slower than " +
      "the timeout, on each endpoint in turn and during each operation, end with the state " +
      "matching the org. A repeated request is idempotent or proven safe.",
  },
  {
    name: "Ambiguous writes",
    claim:
      "A write that was applied but whose response was lost (the connection reset after the " +
      "commit) never yields a duplicate client or a state holding a dead secret.",
  },
  {
    name: "Partial failures",
    claim:
      "A failure after the client exists keeps it in the state (with `__provider` and its " +
      "secret); the next `up` finishes the job and `destroy` works.",
  },
  {
    name: "Out-of-band changes",
    claim:
      "Changes made outside Pulumi are reported by refresh and handled by the next operation, " +
      "or refused with a message that says what to do.",
  },
  {
    name: "Bad input",
    claim:
      "Malformed resource inputs and connection settings are refused before any API write, " +
      "naming the field or setting, and nothing already in the org or the state changes.",
  },
  {
    name: "Fuzzing",
    claim:
      "check and diff never throw, an unchanged (normalized) input never shows a diff, and the " +
      "order of set-valued fields never matters: in-process and through the host's RPCs.",
  },
  {
    name: "Secrets",
    claim:
      "No client secret, provider credential or access token appears anywhere observable after " +
      "a lifecycle with rotations and failures; credentials only travel over https or loopback.",
  },
  {
    name: "Resource hygiene",
    claim: "No host process, socket or timer outlives the suite; jest exits on its own.",
  },
];

/** What the suite does not cover, and why. */
const NOT_COVERED: string[] = [
  "A real Genesys Cloud org: every figure comes from the local emulator (the live suite, " +
    "`npm run test:live`, runs the plain lifecycle against a real org when credentials are set).",
  "The Pulumi CLI and its engine: the engine's part is played by the project's driver " +
    "(`provider/testing`), which follows the engine's sources; the dynamic-provider host, the " +
    "SDK's serialization and the gRPC wire are the real ones.",
  "Real time at the real limit: the rate-limit window is compressed (see above); the property " +
    "is the same at 60 requests per minute, only slower.",
  "Requests applied by the server long after they timed out. The API has no idempotency key. " +
    "A create that times out is looked for during one more request timeout (30 s by default) " +
    "before it is sent again, so one that Genesys applies later still than that leaves a " +
    "duplicate client. A secret regeneration that times out is never repeated in the same run " +
    "(the state then holds no secret, and the next `up` regenerates it); should Genesys apply the " +
    "timed-out request after that next regeneration, the recorded secret is superseded, and " +
    "nothing in the API shows it. The suite tests a slow response that lands within one timeout.",
  "A PUT that timed out and is applied after a later PUT of another `pulumi up` (a stale " +
    "overwrite): the API has no version or ETag to make a PUT conditional. The next refresh " +
    "shows such drift and the next `up` reverts it.",
  "A secret regenerated outside Pulumi: nothing in GET reveals it, so refresh cannot detect it; " +
    "the remedy is a change of `secretRotationTrigger` (tested).",
  "A name containing a lone UTF-16 surrogate cannot reach the provider as written: protobuf " +
    "encodes strings as UTF-8 and turns it into U+FFFD, which check accepts as a character. " +
    "The unit tests check the unencoded value; NaN and Infinity are skipped for the same reason.",
  "Faults on the token endpoint's own rate limit, on usage queries (the deletion guard) and on " +
    "paged listings are not part of this suite (the API and guard suites cover their logic); " +
    "`commit-then-reset` is applied to the writes only (reads and token requests are repeated " +
    "after a reset either way, which the transient table covers).",
];

function escapeCell(value: FigureValue): string {
  return String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(columns: string[], rows: FigureValue[][]): string {
  const head = `| ${columns.map(escapeCell).join(" | ")} |`;
  const rule = `| ${columns.map(() => "---").join(" | ")} |`;
  return [head, rule, ...rows.map((r) => `| ${r.map(escapeCell).join(" | ")} |`)].join("\n");
}

/** The sum of the figures whose label starts with `prefix`, or "–" when there is none. */
function total(record: ScenarioRecord, prefix: string): FigureValue {
  const values = record.figures.filter(
    ([label, v]) => label.startsWith(prefix) && typeof v === "number",
  );
  return values.length === 0 ? "–" : values.reduce((n, [, v]) => n + (v as number), 0);
}

/** One line per record: tests passed and the figures that must be zero. */
function summary(records: readonly ScenarioRecord[]): string {
  const rows = records.map((r) => [
    `${r.section}: ${r.title}`,
    `${r.tests.filter((t) => t.passed).length}/${r.tests.length}`,
    `${(r.durationMs / 1000).toFixed(1)} s`,
    total(r, "duplicates"),
    total(r, "orphans"),
    total(r, "secret leaks"),
    total(r, "recorded secrets that no longer work"),
    total(r, "API writes"),
  ]);
  return table(
    [
      "scenario",
      "tests passed",
      "time",
      "duplicates",
      "orphans",
      "secret leaks",
      "dead secrets",
      "API writes on bad input",
    ],
    rows,
  );
}

function renderRecord(record: ScenarioRecord): string {
  const failed = record.tests.filter((t) => !t.passed);
  const lines = [
    `### ${record.title}`,
    "",
    `\`${record.file}\`: ${record.tests.length - failed.length}/${record.tests.length} tests ` +
      `passed in ${(record.durationMs / 1000).toFixed(1)} s (saved ${record.savedAt}).`,
  ];
  if (failed.length > 0) {
    lines.push("", `**Failed or unfinished:** ${failed.map((t) => t.name).join("; ")}.`);
  }
  if (record.figures.length > 0) lines.push("", table(["figure", "value"], record.figures));
  for (const t of record.tables) lines.push("", `**${t.title}**`, "", table(t.columns, t.rows));
  if (record.notes.length > 0) lines.push("", ...record.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

/** The report's markdown for `records`. */
export function renderReport(records: readonly ScenarioRecord[]): string {
  const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));
  const times = sorted.map((r) => r.savedAt).sort();
  const machine = sorted[0]?.machine;
  const out: string[] = [
    "# Reliability and security: figures",
    "",
    "<!-- Generated by tests/reliability/report.ts from the last run's figures; do not edit. -->",
    "",
    "The provider manages credentials for production contact centres, so it has to survive a " +
      "flaky network and a rate-limited API without creating duplicates, orphaning clients or " +
      "leaking secrets. The reliability suite (`tests/reliability/`) makes that a tested, " +
      "measured property: every scenario runs through the engine driver and the real " +
      "dynamic-provider host against the emulator with its fault injection, and asserts the end " +
      "state (the stack's state matches the org's clients; no duplicate, no orphan, no leak).",
    "",
    "## How this file is made",
    "",
    "`RELIABILITY_REPORT=1 npx jest tests/reliability` (after `npm run build`: the host loads the " +
      "built package). Each test file saves its figures to `test-results/reliability/<id>.json` " +
      "(git-ignored) when it ends and re-renders this file from every saved record, so the last " +
      "file to finish writes the complete report. Without `RELIABILITY_REPORT=1` (as in " +
      "`npm test`) the figures are saved and this file is left alone.",
    "",
    times.length > 0
      ? `This run: ${sorted.length} records saved between ${times[0]} and ${times[times.length - 1]}` +
        (machine ? ` on Node ${machine.node}, ${machine.cpus} CPUs.` : ".")
      : "No figures were found.",
    "",
    "## Time compression",
    "",
    `- Rate limits: the emulator allows ${RATE_LIMIT} requests per token per ` +
      `${RATE_WINDOW_SECONDS}-second window instead of per minute (${RATE_COMPRESSION}× faster). ` +
      "The provider reads the limit and the window's reset from the `inin-ratelimit-*` headers and " +
      "waits each `Retry-After` as given, so nothing depends on the window's length: at the real " +
      `${RATE_LIMIT} per minute the same run behaves the same, with every wait ${RATE_COMPRESSION}× ` +
      "longer (the rate-limit table gives the real-time equivalent of each phase).",
    `- Timeouts: the fault tests set \`genesyscloud:requestTimeoutMs\` to ${TIMEOUT_MS} ms (default ` +
      `30000) and \`genesyscloud:retryBaseDelayMs\` to ${RETRY_BASE_DELAY_MS} ms (default 500); a ` +
      `slow response takes ${SLOW_MS} ms. A create that times out is looked for during one more ` +
      "timeout before it is sent again; a secret regeneration that times out is not repeated (its " +
      "outcome is unknown, and the next `up` regenerates the secret again).",
    "- `Retry-After` values are real seconds (1–3 s), never shortened.",
    "",
    "## Summary",
    "",
    summary(sorted),
  ];
  for (const section of SECTIONS) {
    const mine = sorted.filter((r) => r.section === section.name);
    out.push("", `## ${section.name}`, "", section.claim);
    if (mine.length === 0) out.push("", "_No figures recorded in this run._");
    for (const record of mine) out.push("", renderRecord(record));
  }
  const others = sorted.filter((r) => !SECTIONS.some((s) => s.name === r.section));
  for (const record of others) out.push("", renderRecord(record));
  out.push("", "## Not covered, and why", "", ...NOT_COVERED.map((n) => `- ${n}`), "");
  return out.join("\n");
}

/**
 * Renders the report from the saved figures, formats it with the repository's Prettier settings
 * (so `npm run lint` accepts the generated file) and writes it atomically to `docs/reliability.md`.
 * Prettier runs in a child process: it loads its plugins with dynamic `import()`, which jest's
 * module sandbox refuses.
 */
export async function writeReport(file: string = REPORT_FILE): Promise<void> {
  const prettier = path.join(REPO_DIR, "node_modules", "prettier", "bin", "prettier.cjs");
  const text = execFileSync(process.execPath, [prettier, "--stdin-filepath", file], {
    cwd: REPO_DIR,
    input: renderReport(readRecords()),
    encoding: "utf8",
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
