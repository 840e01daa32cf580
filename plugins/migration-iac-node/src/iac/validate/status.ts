import type {
  IacCheckStatus,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';

/** `fail` if any finding fails, `warn` if any warns, `pass` otherwise. */
export function statusOf(findings: IacFinding[]): IacCheckStatus {
  if (findings.some(f => f.status === 'fail')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
