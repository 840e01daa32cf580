import { posix } from 'node:path';
import { blockAddress, locateBlocks, type BlockLocation } from './locate';
import { HclParseError, type HclDiagnostic, type HclParser } from './parser';

/**
 * A top-level block parsed back from a file.
 *
 * @public
 */
export interface ParsedBlock {
  file: string;
  /** `resource`, `data`, `variable`, `output`, `provider`, `terraform`, `locals`, `import`, ... */
  kind: string;
  /** Resource or data source type, e.g. `aws_instance`. */
  type?: string;
  /** Resource name, variable name, provider name. */
  name?: string;
  address: string;
  body: Record<string, any>;
  line?: number;
  location?: BlockLocation;
}

/**
 * The Terraform files of one folder (a root module), parsed.
 *
 * @public
 */
export interface ParsedModule {
  folder: string;
  files: Array<{ path: string; content: string }>;
  blocks: ParsedBlock[];
  diagnostics: HclDiagnostic[];
}

const LABELLED_KINDS = new Set(['resource', 'data']);
const SINGLE_LABEL_KINDS = new Set([
  'variable',
  'output',
  'module',
  'provider',
]);

/** Flattens one file's hcl2json output into blocks, in file order of their kind. */
export function flattenParsedFile(
  file: string,
  json: Record<string, any>,
): ParsedBlock[] {
  const blocks: ParsedBlock[] = [];
  for (const [kind, value] of Object.entries(json)) {
    if (LABELLED_KINDS.has(kind)) {
      for (const [type, byName] of Object.entries(
        value as Record<string, any>,
      )) {
        for (const [name, bodies] of Object.entries(
          byName as Record<string, any[]>,
        )) {
          for (const body of bodies) {
            blocks.push({
              file,
              kind,
              type,
              name,
              address: blockAddress(kind, [type, name]),
              body,
            });
          }
        }
      }
    } else if (SINGLE_LABEL_KINDS.has(kind)) {
      for (const [name, bodies] of Object.entries(
        value as Record<string, any[]>,
      )) {
        for (const body of bodies) {
          blocks.push({
            file,
            kind,
            name,
            address: blockAddress(kind, [name]),
            body,
          });
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((body, n) =>
        blocks.push({ file, kind, address: blockAddress(kind, [], n), body }),
      );
    }
  }
  return blocks;
}

type FileParse =
  | { file: { path: string; content: string }; json: Record<string, any> }
  | { file: { path: string; content: string }; diagnostics: HclDiagnostic[] };

async function parseFile(
  parser: HclParser,
  file: { path: string; content: string },
): Promise<FileParse> {
  try {
    return { file, json: await parser.parse(file.path, file.content) };
  } catch (error) {
    if (error instanceof HclParseError)
      return { file, diagnostics: error.diagnostics };
    throw error;
  }
}

/**
 * Groups `.tf` files by folder and parses each file with the given parser. Files the parser
 * rejects are reported as diagnostics; the rest of the folder is still parsed.
 *
 * @public
 */
export async function parseModules(
  files: Array<{ path: string; content: string }>,
  parser: HclParser,
): Promise<ParsedModule[]> {
  const byFolder = new Map<string, Array<{ path: string; content: string }>>();
  for (const file of files) {
    if (!file.path.endsWith('.tf')) continue;
    const folder = posix.dirname(file.path);
    const list = byFolder.get(folder) ?? [];
    list.push(file);
    byFolder.set(folder, list);
  }
  const folders = [...byFolder.keys()].sort().map(folder => {
    const folderFiles = byFolder
      .get(folder)!
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    return { folder, folderFiles };
  });
  // Every file is handed to the parser at once: a pool then keeps all its workers busy instead
  // of waiting, folder by folder, for the largest file of each.
  return Promise.all(
    folders.map(async ({ folder, folderFiles }) =>
      parsedModule(
        folder,
        folderFiles,
        await Promise.all(folderFiles.map(file => parseFile(parser, file))),
      ),
    ),
  );
}

/** A folder's module from its files' parse results, blocks located in their file. */
function parsedModule(
  folder: string,
  files: Array<{ path: string; content: string }>,
  results: FileParse[],
): ParsedModule {
  const module: ParsedModule = { folder, files, blocks: [], diagnostics: [] };
  for (const result of results) {
    if ('diagnostics' in result) {
      module.diagnostics.push(...result.diagnostics);
      continue;
    }
    const located = new Map<string, BlockLocation[]>();
    for (const loc of locateBlocks(result.file.content)) {
      const list = located.get(loc.address) ?? [];
      list.push(loc);
      located.set(loc.address, list);
    }
    for (const block of flattenParsedFile(result.file.path, result.json)) {
      const location = located.get(block.address)?.shift();
      module.blocks.push({ ...block, line: location?.line, location });
    }
  }
  return module;
}
