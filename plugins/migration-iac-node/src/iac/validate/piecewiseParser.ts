import { HclParseError, type HclParser } from './parser';

/**
 * Size of the pieces a large file is parsed in. HashiCorp's parser (Go compiled to WebAssembly)
 * keeps the memory a parse grew: a thread that parsed a 5.7 MiB file stayed at 660 MiB, one that
 * parsed the same text in pieces of 32-256 KiB stayed under 220 MiB, at the same speed.
 */
export const PIECE_CHARS = 128 * 1024;

/** Two parse results overlap in a way only the whole file's parse can judge. */
class Overlap extends Error {}

/**
 * Cuts `content` after a line holding only `}` — the end of a top-level block in canonical
 * layout — into pieces of at least `pieceChars` characters (the last may be shorter).
 */
export function splitTopLevel(content: string, pieceChars: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (content.length - start > pieceChars) {
    const end = content.indexOf('\n}\n', start + pieceChars - 1);
    if (end < 0) break;
    pieces.push(content.slice(start, end + 3));
    start = end + 3;
  }
  if (start < content.length) pieces.push(content.slice(start));
  return pieces;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges the pieces' JSON as the parse of the whole file yields it: blocks of the same kind, type
 * and name are lists in file order, keys are sorted (the parser writes Go maps). A value two
 * pieces set (a top-level attribute written twice) is an error only the whole file can report.
 */
export function mergeParsed(
  parsed: Array<Record<string, unknown>>,
): Record<string, unknown> {
  if (parsed.length === 1) return parsed[0];
  const byKey = new Map<string, unknown[]>();
  for (const piece of parsed) {
    for (const [key, value] of Object.entries(piece)) {
      const values = byKey.get(key);
      if (values) values.push(value);
      else byKey.set(key, [value]);
    }
  }
  const merged: Record<string, unknown> = {};
  for (const key of [...byKey.keys()].sort()) {
    const values = byKey.get(key)!;
    if (values.length === 1) merged[key] = values[0];
    else if (values.every(Array.isArray))
      merged[key] = (values as unknown[][]).flat(1);
    else if (values.every(isPlainObject))
      merged[key] = mergeParsed(values as Array<Record<string, unknown>>);
    else throw new Overlap(key);
  }
  return merged;
}

/**
 * Parses files larger than `pieceChars` in pieces cut between top-level blocks, concurrently
 * (on a parser pool each piece is a job of its own), and merges the results. A cut
 * inside a construct leaves an unterminated piece that fails to parse; whenever a piece fails or
 * pieces overlap, the whole file is parsed instead, so diagnostics and results are exactly those
 * of the whole file.
 */
export function piecewiseParser(
  parser: HclParser,
  pieceChars = PIECE_CHARS,
): HclParser {
  return {
    async parse(file, content) {
      const pieces =
        content.length > 2 * pieceChars
          ? splitTopLevel(content, pieceChars)
          : [content];
      if (pieces.length < 2) return parser.parse(file, content);
      try {
        const parsed = await Promise.all(
          pieces.map(piece => parser.parse(file, piece)),
        );
        return mergeParsed(parsed);
      } catch (error) {
        if (error instanceof HclParseError || error instanceof Overlap) {
          return parser.parse(file, content);
        }
        throw error;
      }
    },
  };
}
