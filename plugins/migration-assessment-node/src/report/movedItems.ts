import type {
  BuildReport,
  DnsCutoverArtifact,
  MigrationReport,
  TransferArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import { movedDnsRecords, movedServers } from './movedServers';

/**
 * What moved: data objects, image copies, servers, DNS records and the infrastructure each wave
 * planned.
 */
export function movedItems(
  transfer: TransferArtifact | undefined,
  build: BuildReport | undefined,
  dns?: DnsCutoverArtifact,
): MigrationReport['moved'] {
  const moved: MigrationReport['moved'] = [];
  for (const object of transfer?.status.objects ?? []) {
    moved.push({
      name: object.name,
      kind: 'data',
      detail: `${object.source} → ${object.target}${
        object.sha256 ? ` (sha256 ${object.sha256})` : ''
      }`,
      bytes: object.totalBytes,
      status: object.verified ? 'verified' : object.state,
    });
  }
  for (const copy of transfer?.imageCopies ?? []) {
    moved.push({
      name: copy.resource,
      kind: copy.kind,
      detail: `${copy.sourceId} (${copy.sourceRegion}) → ${
        copy.targetId ?? '—'
      } (${copy.targetRegion})`,
      status: copy.state,
    });
  }
  moved.push(...movedServers(transfer), ...movedDnsRecords(dns));
  for (const wave of build?.waves ?? []) {
    const creates = wave.resources.filter(
      r => r.action === 'create' || r.action === 'replace',
    );
    moved.push({
      name: wave.wave,
      kind: 'infrastructure',
      detail: `${creates.length} resource(s) to create, ${wave.resources.length} planned in total`,
      status: wave.mode,
    });
  }
  return moved;
}
