import type { AlertmanagerAlert } from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationResource } from '@sirsi-nexus/plugin-migration-node';
import { createAlertLinker, instanceHost } from './alertResources';

describe('instanceHost', () => {
  it.each([
    ['10.0.1.5:9100', '10.0.1.5'],
    ['web-01.corp.example:9100', 'web-01.corp.example'],
    ['WEB-01.Corp.Example.:9100', 'web-01.corp.example'],
    ['[2001:db8::5]:9100', '2001:db8::5'],
    ['[2001:db8::5]', '2001:db8::5'],
    ['2001:db8::5', '2001:db8::5'],
    ['web-01', 'web-01'],
    ['http://web-01:8080/health', 'web-01'],
    ['https://[2001:db8::7]:8443/', '2001:db8::7'],
    ['  ', undefined],
    [undefined, undefined],
  ])('%j → %j', (instance, host) => {
    expect(instanceHost(instance)).toBe(host);
  });
});

const captured = (name: string, ips: string[]): MigrationResource => ({
  entityRef: `resource:default/${name}`,
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name },
  },
  resource: {
    provider: 'vmware',
    environmentId: 'dc1',
    externalId: `vm-${name}`,
    kind: 'vm',
    name,
    specs: { ipAddresses: ips },
    tags: {},
    dependsOn: [],
  },
});

const alert = (instance?: string): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname: 'InstanceDown', ...(instance ? { instance } : {}) },
  annotations: {},
  startsAt: '2027-02-01T08:00:00Z',
  fingerprint: 'f00',
});

describe('createAlertLinker', () => {
  it('links a host naming one resource, never one naming several, and keeps the instance', () => {
    const link = createAlertLinker([
      captured('web-01', ['10.0.1.5']),
      captured('web-02', ['10.0.1.5']),
      captured('db-01', ['10.0.2.5']),
    ]);
    expect(link(alert('10.0.2.5:9100')).resource?.name).toBe('db-01');
    expect(link(alert('10.0.1.5:9100'))).toEqual({ instance: '10.0.1.5' });
    expect(link(alert('db-01.corp.example:9100')).resource?.name).toBe('db-01');
    // A short name is not read into an IP address: 10.0.2.6 is not "10".
    expect(link(alert('10.0.2.6:9100'))).toEqual({ instance: '10.0.2.6' });
    expect(link(alert())).toEqual({});
  });
});
