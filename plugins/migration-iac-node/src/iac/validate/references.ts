import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedBlock, ParsedModule } from './module';
import { attributeLine, moduleFileLines } from './locate';

/** Roots that are not declared by blocks of the module. */
const BUILTIN_ROOTS = new Set(['each', 'count', 'self', 'path', 'terraform']);

/**
 * Finds the references in one interpolation of a Terraform JSON string: `var.x`, `local.x`,
 * `data.t.n`, `module.m`, `t.n` (resource). String literals inside expressions are skipped,
 * and so are function names and traversals of iterator symbols.
 */
export function referencesIn(template: string): string[] {
  const refs: string[] = [];
  for (const expression of interpolations(template)) {
    const cleaned = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const pattern =
      /(?<![\w.-])([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[[^\]]*\])+)(?!\s*\()/g;
    for (let m = pattern.exec(cleaned); m; m = pattern.exec(cleaned)) {
      const root = m[1];
      const parts =
        m[2].match(/\.[A-Za-z_][\w-]*/g)?.map(p => p.slice(1)) ?? [];
      if (BUILTIN_ROOTS.has(root)) continue;
      if (root === 'var' || root === 'local' || root === 'module') {
        if (parts[0]) refs.push(`${root}.${parts[0]}`);
      } else if (root === 'data') {
        if (parts.length >= 2) refs.push(`data.${parts[0]}.${parts[1]}`);
      } else if (/^[a-z0-9]+_[a-z0-9_]+$/.test(root) && parts[0]) {
        refs.push(`${root}.${parts[0]}`);
      }
    }
  }
  return refs;
}

/** The `${...}` parts of a Terraform JSON string, honouring the `$${` escape and nesting. */
function interpolations(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '$' && value[i + 1] === '$' && value[i + 2] === '{') {
      i += 2;
      continue;
    }
    if (value[i] === '$' && value[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      let inString = false;
      for (; j < value.length && depth > 0; j++) {
        const ch = value[j];
        if (inString) {
          if (ch === '\\') j++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{') depth++;
        else if (ch === '}') depth--;
      }
      out.push(value.slice(i + 2, j - 1));
      i = j - 1;
    }
  }
  return out;
}

function* stringsIn(
  value: unknown,
  path: string[] = [],
): Generator<[string, string[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value))
    for (const item of value) yield* stringsIn(item, path);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value))
      yield* stringsIn(inner, [...path, key]);
  }
}

/** Declared names a reference can resolve to. */
function declarations(module: ParsedModule): Set<string> {
  const declared = new Set<string>();
  for (const block of module.blocks) {
    if (
      block.kind === 'resource' ||
      block.kind === 'data' ||
      block.kind === 'variable' ||
      block.kind === 'module'
    ) {
      declared.add(block.address);
    } else if (block.kind === 'locals') {
      for (const name of Object.keys(block.body)) declared.add(`local.${name}`);
    }
  }
  return declared;
}

/** Blocks whose expressions are not evaluated against the module (lifecycle meta-arguments). */
function skip(block: ParsedBlock, path: string[]): boolean {
  return (
    path[0] === 'lifecycle' || (block.kind === 'variable' && path[0] === 'type')
  );
}

/**
 * Checks that every reference in every module resolves to a block declared in the same folder
 * (resources, data sources, variables, locals, modules).
 *
 * @public
 */
export function checkReferences(modules: ParsedModule[]): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    const declared = declarations(module);
    for (const block of module.blocks) {
      for (const [text, path] of stringsIn(block.body)) {
        if (skip(block, path)) continue;
        for (const ref of referencesIn(text)) {
          checked++;
          if (declared.has(ref)) continue;
          findings.push({
            status: 'fail',
            file: block.file,
            line: block.location
              ? attributeLine(
                  moduleFileLines(module, block.file),
                  block.location,
                  path[0] ?? '',
                )
              : block.line,
            address: block.address,
            message: `${block.address} refers to ${ref}, which is not declared in ${module.folder}`,
            remediation: `Declare ${ref} in ${module.folder} or fix the reference`,
          });
        }
      }
    }
  }
  return {
    id: 'references',
    title: 'References resolve',
    status: findings.length ? 'fail' : 'pass',
    checked,
    findings,
  };
}
