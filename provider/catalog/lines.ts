/**
 * Line numbers for catalog messages. js-yaml reports positions only for syntax errors, so the lines
 * of entries and fields are found in the text (best effort).
 */

/**
 * Finds lines in the text for messages (best effort: block-style YAML as people write it; a value
 * that cannot be found, e.g. in flow style, simply gets no line number).
 */
export class LineFinder {
  private readonly lines: string[];
  private readonly start: number;

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
    this.start = this.lines.findIndex((l) => /^clients\s*:/.test(l));
  }

  /** The 1-based line of the entry key `key` below `clients:`. */
  entry(key: string): number | undefined {
    if (this.start < 0) return undefined;
    const pattern = keyPattern(key);
    const index = this.lines.findIndex((l, i) => i > this.start && pattern.test(l));
    return index < 0 ? undefined : index + 1;
  }

  /** The 1-based line of `field` inside the block of the entry at `entryLine`. */
  field(entryLine: number | undefined, field: string): number | undefined {
    if (entryLine === undefined) return undefined;
    const indent = (line: string): number => line.length - line.trimStart().length;
    const own = indent(this.lines[entryLine - 1]);
    const pattern = keyPattern(field);
    for (let i = entryLine; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
      if (indent(line) <= own) return undefined;
      if (pattern.test(line)) return i + 1;
    }
    return undefined;
  }
}

function keyPattern(key: string): RegExp {
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\s+(?:${k}|"${k}"|'${k}')\\s*:`);
}
