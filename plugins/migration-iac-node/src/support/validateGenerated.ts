import { parse as parseYaml } from 'yaml';
import type { GeneratedMonitoring } from '@sirsi-nexus/plugin-migration-common';
import { hclBodyToJson, type HclFile } from '../iac/hcl/document';
import { hcl2jsonParser, type HclParser } from '../iac/validate/parser';

type Json = Record<string, any>;

function expressions(value: unknown, out: string[]) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\$\{([^}]*)\}/g)) out.push(m[1]);
  } else if (Array.isArray(value)) {
    value.forEach(v => expressions(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => expressions(v, out));
  }
  return out;
}

/** JSON with object keys sorted, so documents compare regardless of key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const REFERENCE =
  /\b(data\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*|var\.[a-z][a-z0-9_]*|(?:aws|azurerm|google)_[a-z0-9_]+\.[a-z][a-z0-9_]*)/g;

type Validation = GeneratedMonitoring['validation'][number];

/**
 * Validates generated support code the way the IaC bundle is validated: every Terraform file is
 * parsed back with `@cdktn/hcl2json` and must equal what was intended, every reference must name
 * a declared resource, data source or variable; the Prometheus rules must parse as YAML with an
 * expression per rule.
 *
 * @public
 */
export async function validateGeneratedMonitoring(
  files: HclFile[],
  rendered: Record<string, string>,
  prometheusRules: string,
  parser: HclParser = hcl2jsonParser,
): Promise<GeneratedMonitoring['validation']> {
  const results: GeneratedMonitoring['validation'] = [];
  const declared = new Set<string>();
  const parsedFiles: Array<{ path: string; json: Json }> = [];
  for (const file of files) {
    try {
      const json = await parser.parse(file.path, rendered[file.path]);
      parsedFiles.push({ path: file.path, json });
      results.push(compareParsedFile(file, json, declared));
    } catch (error) {
      results.push({
        file: file.path,
        status: 'fail',
        message: (error as Error).message,
      });
    }
  }
  for (const { path, json } of parsedFiles) {
    const unresolved = unresolvedReferences(json, declared);
    if (unresolved.length) {
      results.push({
        file: path,
        status: 'fail',
        message: `Unresolved references: ${unresolved.join(', ')}`,
      });
    }
  }
  results.push(checkPrometheusRules(prometheusRules));
  return results;
}

/**
 * Compares each block of a file with what its parse-back says, and adds what the file declares
 * to `declared`.
 */
function compareParsedFile(
  file: HclFile,
  json: Json,
  declared: Set<string>,
): Validation {
  const mismatches: string[] = [];
  for (const block of file.blocks) {
    const [first, second] = block.labels;
    let entry: unknown = json[block.blockType];
    if (first !== undefined) entry = (entry as Json | undefined)?.[first];
    if (second !== undefined) entry = (entry as Json | undefined)?.[second];
    const parsedBody = Array.isArray(entry) ? entry[0] : undefined;
    const intended = hclBodyToJson(block.body);
    if (canonical(parsedBody) !== canonical(intended)) {
      mismatches.push([block.blockType, ...block.labels].join('.'));
    }
    if (block.blockType === 'resource') declared.add(`${first}.${second}`);
    if (block.blockType === 'data') declared.add(`data.${first}.${second}`);
    if (block.blockType === 'variable') declared.add(`var.${first}`);
  }
  return mismatches.length
    ? {
        file: file.path,
        status: 'fail',
        message: `Parsed back differently than generated: ${mismatches.join(
          ', ',
        )}`,
      }
    : {
        file: file.path,
        status: 'pass',
        message: `${file.blocks.length} block(s) parse back as generated`,
      };
}

/** References in a parsed file's expressions that nothing declares, sorted. */
function unresolvedReferences(json: Json, declared: Set<string>): string[] {
  const unresolved = new Set<string>();
  for (const e of expressions(json, [])) {
    for (const m of e.matchAll(REFERENCE)) {
      const ref = m[1];
      if (!declared.has(ref)) unresolved.add(ref);
    }
  }
  return [...unresolved].sort();
}

/** The Prometheus rules parse as YAML and every rule has an alert, an expr and a `for`. */
function checkPrometheusRules(prometheusRules: string): Validation {
  const file = 'prometheus-rules.yaml';
  try {
    const rules = parseYaml(prometheusRules) as Json;
    const list = (rules?.groups ?? []).flatMap((g: Json) => g.rules ?? []);
    const bad = list.filter(
      (r: Json) => !r.alert || !r.expr || !/^\d+[smh]$/.test(String(r.for)),
    );
    if (!list.length) {
      return { file, status: 'fail', message: 'No alerting rules' };
    }
    if (bad.length) {
      return {
        file,
        status: 'fail',
        message: `${bad.length} rule(s) without alert, expr or for`,
      };
    }
    return { file, status: 'pass', message: `${list.length} alerting rule(s)` };
  } catch (error) {
    return { file, status: 'fail', message: (error as Error).message };
  }
}
