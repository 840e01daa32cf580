/** A value found at one of the scanned paths. */
export interface ScannedValue {
  /** The path pattern it matched, e.g. `terms.savingsPlan.*.rates.*`. */
  path: string;
  /** The parsed value (an object, array or string). */
  value: unknown;
  /** The positions in the arrays on its path, outermost first. */
  indexes: number[];
}

interface Frame {
  kind: 'object' | 'array';
  /** The key whose value is being read (objects). */
  key: string;
  /** The item being read (arrays). */
  index: number;
  expectKey: boolean;
}

interface Capture {
  depth: number;
  parts: string[];
  path: string;
  indexes: number[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;

/**
 * Reads a JSON document piece by piece and hands over only the objects, arrays and strings at
 * the given paths (object keys, `*` for any array item, joined with dots), each parsed on its own:
 * a document of hundreds of megabytes is read with the memory of its largest selected value.
 * Numbers, booleans and null at a selected path are skipped. The document is assumed to be
 * well-formed JSON (a malformed one yields a parse error of the selected value or nothing).
 */
export class JsonPathScanner {
  private readonly stack: Frame[] = [];
  private readonly maxDepth: number;
  private inString = false;
  private escape = false;
  private stringIsKey = false;
  private keyParts = '';
  private capture?: Capture;

  constructor(
    private readonly paths: ReadonlySet<string>,
    private readonly onValue: (found: ScannedValue) => void,
  ) {
    this.maxDepth = Math.max(...[...paths].map(p => p.split('.').length));
  }

  /** Reads the next piece of the document. */
  write(chunk: string): void {
    let start = this.capture ? 0 : -1;
    let keyStart = this.inString && this.stringIsKey ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.stringIsKey) {
            this.top().key = this.keyParts + chunk.slice(keyStart, i);
            keyStart = -1;
          } else if (this.capture && this.stack.length === this.capture.depth) {
            this.finish(chunk.slice(start, i + 1));
            start = -1;
          }
        }
        continue;
      }
      if (c === QUOTE) {
        const top = this.stack[this.stack.length - 1];
        this.inString = true;
        this.stringIsKey = top?.kind === 'object' && top.expectKey;
        if (this.stringIsKey) {
          top.expectKey = false;
          this.keyParts = '';
          keyStart = i + 1;
        } else if (!this.capture && this.begin()) start = i;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (!this.capture && this.begin()) start = i;
        this.stack.push({
          kind: c === OPEN_OBJECT ? 'object' : 'array',
          key: '',
          index: 0,
          expectKey: c === OPEN_OBJECT,
        });
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.stack.pop();
        if (this.capture && this.stack.length === this.capture.depth) {
          this.finish(chunk.slice(start, i + 1));
          start = -1;
        }
      } else if (c === COMMA) {
        const top = this.top();
        if (top.kind === 'object') top.expectKey = true;
        else top.index++;
      }
    }
    if (this.capture && start >= 0) this.capture.parts.push(chunk.slice(start));
    if (keyStart >= 0) this.keyParts += chunk.slice(keyStart);
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  /** Starts capturing the value beginning here when its path is selected. */
  private begin(): boolean {
    if (this.stack.length === 0 || this.stack.length > this.maxDepth) {
      return false;
    }
    const path = this.stack
      .map(f => (f.kind === 'object' ? f.key : '*'))
      .join('.');
    if (!this.paths.has(path)) return false;
    this.capture = {
      depth: this.stack.length,
      parts: [],
      path,
      indexes: this.stack.filter(f => f.kind === 'array').map(f => f.index),
    };
    return true;
  }

  private finish(last: string): void {
    const capture = this.capture!;
    this.capture = undefined;
    capture.parts.push(last);
    this.onValue({
      path: capture.path,
      value: JSON.parse(capture.parts.join('')),
      indexes: capture.indexes,
    });
  }
}
