import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import { hclBodyToJson, type HclFile } from '../hcl/document';
import { blockAddress } from './locate';
import type { ParsedModule } from './module';
import { statusOf } from './status';

/** The first place two JSON values differ, as a path and both values; undefined if equal. */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  path = '',
): { path: string; expected: unknown; actual: unknown } | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const diff = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (
    expected &&
    actual &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    !Array.isArray(expected) &&
    !Array.isArray(actual)
  ) {
    const keys = [
      ...new Set([...Object.keys(expected), ...Object.keys(actual)]),
    ].sort();
    for (const key of keys) {
      const diff = firstDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      );
      if (diff) return diff;
    }
    return undefined;
  }
  return { path, expected, actual };
}

function show(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

type BlocksByAddress = Map<string, ParsedModule['blocks']>;

/** The parsed blocks by file and address, the files that parsed, and those that did not. */
function indexParsed(modules: ParsedModule[]) {
  const parsedByFile = new Map<string, BlocksByAddress>();
  const parsedFiles = new Set<string>();
  for (const module of modules) {
    for (const file of module.files) parsedFiles.add(file.path);
    for (const block of module.blocks) {
      const byAddress = parsedByFile.get(block.file) ?? new Map();
      const list = byAddress.get(block.address) ?? [];
      list.push(block);
      byAddress.set(block.address, list);
      parsedByFile.set(block.file, byAddress);
    }
  }
  const failedFiles = new Set(
    modules.flatMap(m => m.diagnostics.map(d => d.file)),
  );
  return { parsedByFile, parsedFiles, failedFiles };
}

/**
 * Compares every parsed file with the HCL documents the model produces: each block must be
 * present, in the same file, with exactly the intended attributes and values, and no block may
 * be there that the model does not produce.
 *
 * @public
 */
export function compareWithModel(
  expectedDocuments: HclFile[],
  modules: ParsedModule[],
): IacCheckResult {
  const findings: IacFinding[] = [];
  const { parsedByFile, parsedFiles, failedFiles } = indexParsed(modules);
  let checked = 0;
  for (const doc of expectedDocuments) {
    if (failedFiles.has(doc.path)) continue; // reported by the parse check
    if (!parsedFiles.has(doc.path)) {
      findings.push({
        status: 'fail',
        file: doc.path,
        message: `${doc.path} is missing`,
        remediation: 'Regenerate the bundle from its model',
      });
      continue;
    }
    checked += doc.blocks.length;
    findings.push(
      ...compareDocument(doc, parsedByFile.get(doc.path) ?? new Map()),
    );
  }
  const expectedPaths = new Set(expectedDocuments.map(d => d.path));
  for (const path of [...parsedFiles].sort()) {
    if (!expectedPaths.has(path)) {
      findings.push({
        status: 'warn',
        file: path,
        message: `${path} is not part of the generated bundle`,
        remediation: 'Keep hand-written Terraform out of the generated folders',
      });
    }
  }
  return {
    id: 'model',
    title: 'Files match the model',
    status: statusOf(findings),
    checked,
    findings,
  };
}

/**
 * Findings for one expected document: blocks missing or different from the model, then blocks
 * the model does not produce. Consumes the matched blocks of `parsed`.
 */
function compareDocument(doc: HclFile, parsed: BlocksByAddress): IacFinding[] {
  const findings: IacFinding[] = [];
  const occurrences = new Map<string, number>();
  for (const block of doc.blocks) {
    const n = occurrences.get(block.blockType) ?? 0;
    occurrences.set(block.blockType, n + 1);
    const address = blockAddress(block.blockType, block.labels, n);
    const actual = (parsed.get(address) ?? []).shift();
    if (!actual) {
      findings.push({
        status: 'fail',
        file: doc.path,
        address,
        message: `${address} is in the model but not in ${doc.path}`,
        remediation: 'Regenerate the bundle from its model',
      });
      continue;
    }
    const diff = firstDifference(hclBodyToJson(block.body), actual.body);
    if (diff) {
      findings.push({
        status: 'fail',
        file: doc.path,
        line: actual.line,
        address,
        message: `${address}: ${diff.path || '(body)'} is ${show(
          diff.actual,
        )}, the model says ${show(diff.expected)}`,
        remediation:
          'Change the model and regenerate instead of editing the files',
      });
    }
  }
  for (const [address, rest] of parsed) {
    for (const extra of rest) {
      findings.push({
        status: 'fail',
        file: doc.path,
        line: extra.line,
        address,
        message: `${address} in ${doc.path} is not part of the model`,
        remediation: 'Remove it, or add it to the model and regenerate',
      });
    }
  }
  return findings;
}
