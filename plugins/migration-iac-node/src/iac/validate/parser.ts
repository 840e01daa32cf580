/**
 * A problem the HCL parser reported, located in the file.
 *
 * @public
 */
export interface HclDiagnostic {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * Parses Terraform files to the JSON shape of HashiCorp's HCL-to-JSON conversion.
 *
 * @public
 */
export interface HclParser {
  /** Resolves with the JSON, or rejects with an {@link HclParseError}. */
  parse(file: string, content: string): Promise<Record<string, any>>;
}

/**
 * The parser rejected a file; `diagnostics` say where.
 *
 * @public
 */
export class HclParseError extends Error {
  readonly name = 'HclParseError';
  constructor(readonly file: string, readonly diagnostics: HclDiagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('; '));
  }
}

export function formatDiagnostic(d: HclDiagnostic): string {
  const where = d.line
    ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}`
    : d.file;
  return `${where}: ${d.message}`;
}

/**
 * Turns `parse config: [a.tf:2,7-3,1: Invalid expression; Expected ...]` into diagnostics.
 */
export function parseDiagnostics(
  file: string,
  message: string,
): HclDiagnostic[] {
  const body = message.replace(/^parse config:\s*\[/, '').replace(/\]\s*$/, '');
  const diagnostics: HclDiagnostic[] = [];
  const pattern = /(?:^|\s)([^\s:]+):(\d+),(\d+)-(?:\d+,)?\d+:\s/g;
  const starts: Array<{
    index: number;
    end: number;
    line: number;
    column: number;
  }> = [];
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    if (m[1] !== file) continue;
    starts.push({
      index: m.index,
      end: m.index + m[0].length,
      line: Number(m[2]),
      column: Number(m[3]),
    });
  }
  starts.forEach((start, i) => {
    const text = body.slice(
      start.end,
      i + 1 < starts.length ? starts[i + 1].index : undefined,
    );
    diagnostics.push({
      file,
      line: start.line,
      column: start.column,
      message: text.trim(),
    });
  });
  if (diagnostics.length === 0)
    diagnostics.push({ file, message: message.trim() });
  return diagnostics;
}

/**
 * The parser of `@cdktn/hcl2json` (the maintained fork of the deprecated `@cdktf/hcl2json`, same
 * API and messages): HashiCorp's HCL library compiled to WebAssembly, running in this process.
 *
 * @public
 */
export const hcl2jsonParser: HclParser = {
  async parse(file, content) {
    try {
      // Loaded on first use: importing the package instantiates its WebAssembly module.
      const { parse } =
        require('@cdktn/hcl2json') as typeof import('@cdktn/hcl2json');
      return await parse(file, content);
    } catch (error) {
      throw new HclParseError(
        file,
        parseDiagnostics(file, String((error as Error)?.message ?? error)),
      );
    }
  },
};
