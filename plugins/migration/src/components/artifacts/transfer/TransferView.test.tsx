import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { TransferArtifact } from '@sirsi-nexus/plugin-migration-common';
import { sampleTransfer } from '../../../__testUtils__/artifactFixtures';
import { TransferView } from './TransferView';

const GiB = 1024 ** 3;

function withServers(): TransferArtifact {
  return {
    ...sampleTransfer(1),
    rehearsal: false,
    replication: {
      service: 'AWS Application Migration Service',
      status: {
        state: 'running',
        bytesTransferred: 130 * GiB,
        totalBytes: 200 * GiB,
        speedBytesPerSecond: 50 * 1024 ** 2,
        etaSeconds: 1400,
        currentResource: 'db-01',
        errors: [
          {
            at: '2026-11-20T10:00:00.000Z',
            resource: 'app-01',
            message:
              'AWS Application Migration Service does not know app-01: install the AWS Replication Agent on app-01',
            retried: false,
          },
        ],
      },
      servers: [
        {
          entityRef: 'resource:default/web-01',
          name: 'web-01',
          wave: 1,
          serverId: 's-1234',
          step: 'cut_over',
          health: 'healthy',
          lifecycle: 'cutover',
          bytesTransferred: 100 * GiB,
          totalBytes: 100 * GiB,
          speedBytesPerSecond: 0,
          lagSeconds: 12,
          testInstance: { id: 'i-test', addresses: ['10.0.1.5'] },
          cutoverInstance: { id: 'i-cut', addresses: ['10.0.2.7'] },
          updatedAt: '2026-11-20T10:00:00.000Z',
        },
        {
          entityRef: 'resource:default/db-01',
          name: 'db-01',
          wave: 2,
          serverId: 's-5678',
          step: 'replicating',
          health: 'lagging',
          bytesTransferred: 30 * GiB,
          totalBytes: 100 * GiB,
          speedBytesPerSecond: 50 * 1024 ** 2,
          etaSeconds: 1400,
          lagSeconds: 5400,
          message: 'lagging, lag 5400 s (limit 300 s)',
          updatedAt: '2026-11-20T10:00:00.000Z',
        },
      ],
      skipped: [
        {
          entityRef: 'resource:default/old-01',
          name: 'old-01',
          reason:
            "The assessment's strategy for old-01 is retire, so it is not moved as a server",
        },
      ],
    },
  };
}

describe('TransferView', () => {
  it('shows data objects and servers in one table with progress, speed, ETA, lag, state and instances', async () => {
    await renderInTestApp(<TransferView report={withServers()} />);

    expect(
      screen.getByRole('progressbar', { name: 'Transferred 25%' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Replicated 65%' }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Transferred data and servers',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual([
      'web-01-disk0Data · file:///exports/web-01-disk0.vmdk → file:///staging/mig-1/web-01-disk0.vmdk',
      'web-01Server · wave 1 · AWS Application Migration Service · s-1234',
      'db-01Server · wave 2 · AWS Application Migration Service · s-5678',
    ]);
    const cells = (row: number) =>
      within(rows[row])
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells(1).slice(1)).toEqual([
      '100.0 GB / 100.0 GB',
      '—',
      '—',
      '12 s',
      'Cut over',
      'Test: 10.0.1.5Cutover: 10.0.2.7',
    ]);
    expect(cells(2).slice(1)).toEqual([
      '30.0 GB / 100.0 GB',
      '50.0 MB/s',
      '23 min',
      '1.5 h',
      'Replicating · Lagginglagging, lag 5400 s (limit 300 s)',
      '—',
    ]);
    expect(
      screen.getByRole('progressbar', { name: 'db-01: 30%' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "old-01: The assessment's strategy for old-01 is retire, so it is not moved as a server",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/install the AWS Replication Agent on app-01/),
    ).toBeInTheDocument();
  });

  it('reads a transfer report without servers as before', async () => {
    await renderInTestApp(<TransferView report={sampleTransfer(4)} />);
    expect(
      screen.getByRole('progressbar', { name: 'Transferred 100%' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('progressbar', { name: /Replicated/ }),
    ).toBeNull();
  });
});
