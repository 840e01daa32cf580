import { screen, within } from '@testing-library/react';
import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { receivedAlert } from '../../../__testUtils__/alertFixtures';
import { FakeMigrationApi } from '../../../__testUtils__/FakeMigrationApi';
import { renderPage } from '../../../__testUtils__/renderPage';
import { assessmentOverview } from '@sirsi-nexus/plugin-migration-common';
import { AssessmentView } from './AssessmentView';
import { localAssessmentSource } from './assessmentSource';

describe('firing alerts on the resource rows', () => {
  it("shows each resource's firing alerts on its row, and none where nothing fires", async () => {
    const api = new FakeMigrationApi();
    api.alerts.set('mig-1', [
      receivedAlert({
        resource: {
          id: 'vm-web',
          name: 'web-01',
          entityRef: 'resource:default/web-01',
        },
      }),
      receivedAlert({
        fingerprint: 'c0ffee0000000002',
        alertname: 'DiskFilling',
        severity: 'warning',
        summary: 'Disk 91 % full',
        resource: { id: 'vm-web', name: 'web-01' },
      }),
      receivedAlert({
        fingerprint: 'c0ffee0000000003',
        status: 'resolved',
        resource: { id: 'vm-db', name: 'db-01' },
      }),
      // Linked to nothing: not on any row.
      receivedAlert({ fingerprint: 'c0ffee0000000004', instance: '10.9.9.9' }),
    ]);
    await renderPage(
      <AssessmentView
        overview={assessmentOverview(sampleAssessment)}
        source={localAssessmentSource(sampleAssessment)}
      />,
      { api, path: '/catalog' },
    );

    const table = await screen.findByLabelText('Resources and strategies');
    const web = await within(table).findByText('2 alerts firing');
    const webRow = web.closest('tr')!;
    expect(within(webRow).getByText('web-01')).toBeInTheDocument();
    expect(webRow).toHaveTextContent('InstanceDown (critical): Target is down');
    expect(webRow).toHaveTextContent('DiskFilling (warning): Disk 91 % full');
    const dbRow = within(table).getByText('db-01').closest('tr')!;
    expect(
      within(dbRow).queryByRole('group', { name: 'Firing alerts' }),
    ).not.toBeInTheDocument();
    expect(api.getMonitoring).toHaveBeenCalledWith('mig-1');
  });
});
