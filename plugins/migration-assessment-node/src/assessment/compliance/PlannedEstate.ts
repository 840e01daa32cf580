import type {
  ComplianceProfile,
  InboundRule,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * What the compliance checks judge: the target and the planned state of each resource.
 *
 * @public
 */
export interface PlannedEstate {
  profile: ComplianceProfile;
  target: { provider: string; region: string };
  security: {
    encryptionAtRest: boolean;
    encryptionInTransit: boolean;
    auditLogging: boolean;
  };
  resources: Array<{
    id: string;
    name: string;
    tags: Record<string, string>;
    /** Inbound rules that will apply to the resource (its own and its security groups'). */
    ingress: readonly InboundRule[];
    publiclyExposed?: boolean;
  }>;
}
