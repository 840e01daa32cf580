/**
 * Where a top-level block sits in a file: 1-based first and last line.
 */
export interface BlockLocation {
  address: string;
  line: number;
  endLine: number;
}

const LABELLED =
  /^(resource|data)\s+"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)"\s*\{/;
const SINGLE_LABEL =
  /^(variable|output|module|provider)\s+"((?:[^"\\]|\\.)*)"\s*\{/;
const UNLABELLED = /^(terraform|locals|import|moved|removed|check)\s*\{/;

/** The address a block is reported under: `aws_vpc.main`, `data.aws_ami.linux`, `var.region`. */
export function blockAddress(
  kind: string,
  labels: string[],
  occurrence = 0,
): string {
  switch (kind) {
    case 'resource':
      return `${labels[0]}.${labels[1]}`;
    case 'data':
      return `data.${labels[0]}.${labels[1]}`;
    case 'variable':
      return `var.${labels[0]}`;
    case 'output':
      return `output.${labels[0]}`;
    case 'module':
      return `module.${labels[0]}`;
    case 'provider':
      return `provider.${labels[0]}`;
    default:
      return `${kind}[${occurrence}]`;
  }
}

/**
 * Finds the top-level blocks of a Terraform file written in canonical layout (blocks start at
 * column 0 and end with a `}` at column 0), so findings can name a line.
 */
export function locateBlocks(content: string): BlockLocation[] {
  const lines = content.split('\n');
  const found: BlockLocation[] = [];
  const occurrences = new Map<string, number>();
  let open: BlockLocation | undefined;
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    const labelled = LABELLED.exec(text);
    const singleLabel = labelled ? null : SINGLE_LABEL.exec(text);
    const unlabelled = labelled || singleLabel ? null : UNLABELLED.exec(text);
    let address: string | undefined;
    if (labelled) {
      address = blockAddress(labelled[1], [
        unescape(labelled[2]),
        unescape(labelled[3]),
      ]);
    } else if (singleLabel) {
      address = blockAddress(singleLabel[1], [unescape(singleLabel[2])]);
    } else if (unlabelled) {
      const n = occurrences.get(unlabelled[1]) ?? 0;
      occurrences.set(unlabelled[1], n + 1);
      address = blockAddress(unlabelled[1], [], n);
    }
    if (address) {
      open = { address, line: lineNo, endLine: lineNo };
      found.push(open);
      if (/\}\s*$/.test(text) && /\{\s*\}\s*$/.test(text)) open = undefined;
    } else if (open && /^\}/.test(text)) {
      open.endLine = lineNo;
      open = undefined;
    }
  });
  return found;
}

function unescape(label: string): string {
  return label.replace(/\\(.)/g, '$1');
}

const linesByModule = new WeakMap<object, Map<string, string[]>>();

/**
 * The lines of one of a module's files, split once per module and file: checks locate findings
 * block by block, and splitting the whole file for every block made them quadratic.
 */
export function moduleFileLines(
  module: { files: ReadonlyArray<{ path: string; content: string }> },
  file: string,
): string[] {
  let files = linesByModule.get(module);
  if (!files) {
    files = new Map();
    linesByModule.set(module, files);
  }
  let lines = files.get(file);
  if (!lines) {
    lines = (module.files.find(f => f.path === file)?.content ?? '').split(
      '\n',
    );
    files.set(file, lines);
  }
  return lines;
}

/**
 * The line of `attribute` (or nested block) inside a located block; the block's line if absent.
 * Takes the file's content or its lines (see {@link moduleFileLines}).
 */
export function attributeLine(
  content: string | readonly string[],
  location: BlockLocation,
  attribute: string,
): number {
  const lines = typeof content === 'string' ? content.split('\n') : content;
  const escaped = attribute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s+"?${escaped}"?\\s*(=|\\{)`);
  for (
    let i = location.line;
    i < location.endLine - 1 && i < lines.length;
    i++
  ) {
    if (pattern.test(lines[i])) return i + 1;
  }
  return location.line;
}
