/**
 * The figures of a reliability run. Each test file keeps a {@link Scenario} record (counts of
 * operations, faults, retries, waits, …, plus tables), runs its tests through `scenario.it` so
 * the record knows which tests passed, and saves it in `afterAll` as JSON under
 * `test-results/reliability/` (git-ignored). `docs/reliability.md` is rendered from those files
 * (see `../report.ts`): after every file when `RELIABILITY_REPORT=1` is set, so the last file to
 * finish writes the complete report.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root. */
export const REPO_DIR = path.resolve(__dirname, "../../..");
/** Where the figures of the last run are written. */
export const RESULTS_DIR = path.join(REPO_DIR, "test-results", "reliability");
/** Set to `1` to render `docs/reliability.md` after each reliability test file. */
export const REPORT_ENV = "RELIABILITY_REPORT";

/** A value of a figure. */
export type FigureValue = number | string;

/** A table of a scenario (e.g. one row per fault case). */
export interface FigureTable {
  /** What the table shows. */
  title: string;
  /** Column headings. */
  columns: string[];
  /** The rows, one cell per column. */
  rows: FigureValue[][];
}

/** What one test file recorded. */
export interface ScenarioRecord {
  /** Stable id, also the JSON file name, e.g. `rate-limits`. */
  id: string;
  /** The report section it belongs to, e.g. `Transient faults`. */
  section: string;
  /** A heading for this record within the section. */
  title: string;
  /** The test file, relative to the repository root. */
  file: string;
  /** When the record was saved (ISO-8601). */
  savedAt: string;
  /** From the first test's start to the save, in ms. */
  durationMs: number;
  /** Machine facts: Node version, CPU count. */
  machine: { node: string; cpus: number };
  /** The tests run through the record, with whether they passed. */
  tests: { name: string; passed: boolean }[];
  /** Named figures, in the order they were first set. */
  figures: [string, FigureValue][];
  /** Tables. */
  tables: FigureTable[];
  /** Sentences explaining how the figures were obtained. */
  notes: string[];
}

/** The figures of one test file. */
export class Scenario {
  private readonly values = new Map<string, FigureValue>();
  private readonly tablesByTitle = new Map<string, FigureTable>();
  private readonly noteList: string[] = [];
  private readonly results = new Map<string, boolean>();
  private startedAt?: number;

  /**
   * @param id the record's id (file name of the JSON)
   * @param section the report section
   * @param title a heading within the section
   * @param file the test file (`__filename`)
   */
  constructor(
    readonly id: string,
    readonly section: string,
    readonly title: string,
    private readonly file: string,
  ) {}

  /** Declares a test whose outcome the record keeps (a plain jest `it` otherwise). */
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void {
    it(
      name,
      async () => {
        // The full name (describe blocks included) tells apart tests defined in a loop.
        const full = expect.getState().currentTestName ?? name;
        this.startedAt ??= Date.now();
        this.results.set(full, false);
        await body();
        this.results.set(full, true);
      },
      timeoutMs,
    );
  }

  /** Sets a figure. */
  set(label: string, value: FigureValue): void {
    this.values.set(label, value);
  }

  /** Adds `n` to a counting figure (created at 0). */
  add(label: string, n = 1): void {
    const current = this.values.get(label);
    this.values.set(label, (typeof current === "number" ? current : 0) + n);
  }

  /** Keeps the largest value seen for a figure. */
  max(label: string, n: number): void {
    const current = this.values.get(label);
    if (typeof current !== "number" || n > current) this.values.set(label, n);
  }

  /** Keeps the smallest value seen for a figure. */
  min(label: string, n: number): void {
    const current = this.values.get(label);
    if (typeof current !== "number" || n < current) this.values.set(label, n);
  }

  /** The current value of a figure. */
  get(label: string): FigureValue | undefined {
    return this.values.get(label);
  }

  /** Adds a row to the table `title` (created with `columns` on first use). */
  row(title: string, columns: string[], cells: FigureValue[]): void {
    let table = this.tablesByTitle.get(title);
    if (!table) {
      table = { title, columns, rows: [] };
      this.tablesByTitle.set(title, table);
    }
    table.rows.push(cells);
  }

  /** Adds an explanatory sentence (once). */
  note(text: string): void {
    if (!this.noteList.includes(text)) this.noteList.push(text);
  }

  /** The record as it stands. */
  record(): ScenarioRecord {
    return {
      id: this.id,
      section: this.section,
      title: this.title,
      file: path.relative(REPO_DIR, this.file).split(path.sep).join("/"),
      savedAt: new Date().toISOString(),
      durationMs: this.startedAt === undefined ? 0 : Date.now() - this.startedAt,
      machine: { node: process.version, cpus: os.cpus().length },
      tests: [...this.results].map(([name, passed]) => ({ name, passed })),
      figures: [...this.values],
      tables: [...this.tablesByTitle.values()],
      notes: [...this.noteList],
    };
  }

  /**
   * Writes the record to `test-results/reliability/<id>.json`, and renders the report when
   * `RELIABILITY_REPORT=1`. Call it from `afterAll`.
   */
  async save(): Promise<void> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${this.id}.json`);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(this.record(), null, 2)}\n`);
    fs.renameSync(temp, file);
    if (process.env[REPORT_ENV] === "1") {
      // Loaded lazily: the renderer is only needed when asked for.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require("../report") as typeof import("../report")).writeReport();
    }
  }
}

/** Reads every saved record. */
export function readRecords(dir: string = RESULTS_DIR): ScenarioRecord[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ScenarioRecord);
}
