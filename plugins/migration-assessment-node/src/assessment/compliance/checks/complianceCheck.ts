import type { AssessmentComplianceCheck } from '@sirsi-nexus/plugin-migration-common';
import type { PlannedEstate } from '../PlannedEstate';

/** A planned resource as the checks see it. */
export type PlannedResource = PlannedEstate['resources'][number];

const LIST_LIMIT = 5;

/** The first few names, and how many more there are. */
export function names(items: Array<{ name: string }>): string {
  const shown = items.slice(0, LIST_LIMIT).map(i => i.name);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * The resources for which `find` gives something, with it: one pass, nothing made for the
 * (usually many) resources it gives nothing for.
 */
export function findings<T>(
  resources: readonly PlannedResource[],
  find: (r: PlannedResource) => T | undefined,
): Array<{ r: PlannedResource; found: T }> {
  const out: Array<{ r: PlannedResource; found: T }> = [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const found = find(r);
    if (found !== undefined) out.push({ r, found });
  }
  return out;
}

/** Ports open to the internet per resource, for {@link findings}: nothing when none are. */
export function openPorts(
  portsOf: (ingress: readonly PlannedResource['ingress'][number][]) => number[],
) {
  return (r: PlannedResource): number[] | undefined => {
    if (r.ingress.length === 0) return undefined;
    const ports = portsOf(r.ingress);
    return ports.length > 0 ? ports : undefined;
  };
}

/** Distinct ports, ascending. */
export function distinctPorts(ports: number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** A check result; the remediation is left out when there is none to give. */
export function complianceCheck(
  fields: Omit<AssessmentComplianceCheck, 'remediation'> & {
    remediation?: string | false;
  },
): AssessmentComplianceCheck {
  const { remediation, resourceIds, ...head } = fields;
  return { ...head, ...(remediation ? { remediation } : {}), resourceIds };
}
