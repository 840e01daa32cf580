import type {
  DnsCutoverArtifact,
  ServerTransferStatus,
  TransferArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import { movedDnsRecords, movedServers } from './movedServers';

const server = (
  name: string,
  change: Partial<ServerTransferStatus>,
): ServerTransferStatus => ({
  entityRef: `resource:default/${name}`,
  name,
  wave: 1,
  serverId: `s-${name}`,
  step: 'healthy',
  bytesTransferred: 10,
  totalBytes: 10,
  speedBytesPerSecond: 0,
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...change,
});

describe('the report on servers and DNS', () => {
  it('says what was tested, cut over, finalized, reverted or not moved', () => {
    const transfer = {
      replication: {
        service: 'Azure Migrate',
        status: {},
        servers: [
          server('web-01', {
            step: 'tested',
            testInstance: { id: 'vm-t', addresses: ['10.0.1.4'] },
          }),
          server('web-02', {
            step: 'finalized',
            cutoverInstance: { id: 'vm-c', addresses: ['10.0.2.4'] },
          }),
          server('db-01', {
            step: 'reverted',
            message:
              'Cutover reverted by the rollback; the source is authoritative',
          }),
        ],
        skipped: [
          { entityRef: 'x', name: 'old-01', reason: 'strategy retire' },
        ],
      },
    } as unknown as TransferArtifact;
    expect(
      movedServers(transfer).map(m => [m.name, m.status, m.detail]),
    ).toEqual([
      [
        'web-01',
        'tested',
        'tested on 10.0.1.4 through Azure Migrate; the test instance was terminated',
      ],
      [
        'web-02',
        'finalized',
        'cut over to 10.0.2.4 and finalized through Azure Migrate; the source was left running',
      ],
      [
        'db-01',
        'reverted',
        'reverted by the rollback: Cutover reverted by the rollback; the source is authoritative',
      ],
      ['old-01', 'not moved', 'strategy retire'],
    ]);
  });

  it('says which DNS records were switched and restored', () => {
    const dns = {
      execution: {
        records: [
          {
            name: 'shop.example.com',
            type: 'A',
            state: 'restored',
            service: 'Azure DNS',
            previous: { ttl: 300, values: ['192.0.2.10'] },
            calls: [],
          },
          {
            name: 'api.example.com',
            type: 'A',
            state: 'switched',
            service: 'Azure DNS',
            previous: null,
            target: { ttl: 60, values: ['10.0.2.4'] },
            calls: [],
          },
        ],
      },
    } as unknown as DnsCutoverArtifact;
    expect(movedDnsRecords(dns).map(m => m.detail)).toEqual([
      'switched back to 192.0.2.10 by the rollback (Azure DNS)',
      'no record → 10.0.2.4 (Azure DNS)',
    ]);
  });
});
