import type {
  AssessmentDiskMapping,
  DiscoveredResource,
  SecurityRule,
} from '@sirsi-nexus/plugin-migration-common';
import type { OsLifecycleEntry } from '../risk/osLifecycle';
import type { DatabaseEngine } from './detect';

/**
 * What the rules know about one resource once the graph, the OS table and the storage mapping
 * have been consulted. Built once per resource by `assess`, read by the risk and strategy rules.
 */
export interface ResourceFacts {
  resource: DiscoveredResource;
  /** The OS release from the lifecycle table. */
  os?: OsLifecycleEntry;
  /** End of support judged against the assessment date. */
  eol?: { status: 'past' | 'soon'; date: string; days: number };
  /** The OS release is not accepted as a guest by the target cloud. */
  unsupportedOnTarget: boolean;
  database?: { engine: DatabaseEngine; reason: string };
  /** Why the resource looks like AD/DNS/LDAP, when it does. */
  identity?: string;
  poweredOff: boolean;
  idle: boolean;
  /** Resources in the selection that depend on this one. */
  dependents: string[];
  /** Dependencies outside the selection. */
  unresolved: string[];
  /** Inbound rules of the resource and of the security groups it uses. */
  ingress: SecurityRule[];
  /** Admin ports open to 0.0.0.0/0. */
  adminPorts: number[];
  publiclyExposed: boolean;
  residency?: { tag: string; country?: string; conflict: boolean };
  /** In a move group with other resources because of a dependency cycle. */
  cyclic: boolean;
  /** Some other members of its move group (at most 10). */
  groupPeers: string[];
  /** How many other members its move group has. */
  groupPeerCount: number;
  disks: AssessmentDiskMapping[];
  /** The selected VM a disk resource is attached to. */
  attachedTo?: string;
}
