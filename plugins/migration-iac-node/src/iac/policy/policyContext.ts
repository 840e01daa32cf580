import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import { attributeLine, moduleFileLines } from '../validate/locate';
import type { ParsedBlock, ParsedModule } from '../validate/module';
import { statusOf } from '../validate/status';

/** A value known before plan, or `dynamic` when only Terraform can compute it. */
export type Resolved = { value?: unknown; dynamic: boolean };

/** Evaluates what can be known statically: literals and `var.x` with a literal default. */
export function resolver(module: ParsedModule) {
  const defaults = new Map<string, unknown>();
  for (const block of module.blocks) {
    if (block.kind === 'variable' && block.name && 'default' in block.body) {
      defaults.set(block.name, block.body.default);
    }
  }
  const literal = (value: unknown): Resolved => {
    if (typeof value !== 'string') return { value, dynamic: false };
    const variable = /^\$\{var\.([\w-]+)\}$/.exec(value);
    if (variable) {
      return defaults.has(variable[1])
        ? literal(defaults.get(variable[1]))
        : { dynamic: true };
    }
    if (/(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value))
      return { dynamic: true };
    return {
      value: value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'),
      dynamic: false,
    };
  };
  return literal;
}

/** Where a finding points: the block's file and the line of `attribute` (or of the block). */
export function locate(
  module: ParsedModule,
  block: ParsedBlock,
  attribute?: string,
) {
  return {
    file: block.file,
    line:
      attribute && block.location
        ? attributeLine(
            moduleFileLines(module, block.file),
            block.location,
            attribute,
          )
        : block.line,
    address: block.address,
  };
}

export function result(
  id: string,
  title: string,
  checked: number,
  findings: IacFinding[],
): IacCheckResult {
  return {
    id,
    title,
    status: statusOf(findings),
    checked,
    findings,
  };
}

/** The module's resources of the given types, in file order. */
export const resources = (module: ParsedModule, ...types: string[]) =>
  module.blocks.filter(b => b.kind === 'resource' && types.includes(b.type!));

/** The body of a nested block as hcl2json reports it: the first element of an array. */
export const first = (value: unknown): Record<string, any> | undefined =>
  Array.isArray(value) ? value[0] : undefined;
