import { Readable } from 'node:stream';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { readInventory } from '../readInventory';
import type { InventorySource } from '../sources';

function text(label: string, lines: string[]): InventorySource {
  return {
    label,
    open: async () => Readable.from([Buffer.from(lines.join('\r\n'))]),
    child: () => {
      throw new Error('no children');
    },
  };
}

async function read(lines: string[]) {
  const warnings: string[] = [];
  const resources: DiscoveredResource[] = [];
  for await (const r of readInventory([text('vinfo.csv', lines)], {
    environmentId: 'dc1',
    reporter: { warn: m => warnings.push(m), count() {} },
  })) {
    resources.push(r);
  }
  return { resources, warnings };
}

// RVTools 4.x vInfo columns in RVTools' order, custom attributes between Annotation and Datacenter.
const HEADER = [
  'VM',
  'Powerstate',
  'Template',
  'SRM Placeholder',
  'Config status',
  'DNS Name',
  'CPUs',
  'Overall Cpu Readiness',
  'Memory',
  'Active Memory',
  'NICs',
  'Disks',
  'Total disk capacity MiB',
  'Fixed Passthru HotPlug',
  'Primary IP Address',
  'Num Monitors',
  'Video Ram KiB',
  'Vm Failover In Progress',
  'Provisioned MiB',
  'In Use MiB',
  'EFI Secure boot',
  'Annotation',
  'Backup Policy',
  'com.vrlcm.snapshot',
  'Datacenter',
  'Cluster',
  'Host',
  'OS according to the configuration file',
  'OS according to the VMware Tools',
  'Customization Info',
  'Guest Detailed Data',
  'VM ID',
  'SMBIOS UUID',
  'VM UUID',
  'VI SDK Server type',
  'VI SDK API Version',
  'VI SDK Server',
  'VI SDK UUID',
].join(',');

function row(name: string, power: string, osConfig: string, osTools: string) {
  return [
    name,
    power,
    'False',
    'False',
    'green',
    '',
    '4',
    '1.5',
    '16384',
    '4915',
    '1',
    '1',
    '81920',
    'False',
    '10.0.0.5',
    '1',
    '8192',
    'False',
    '90000',
    '40000',
    'False',
    '',
    'daily-30d',
    'before-upgrade',
    'DC1',
    'CL1',
    'esx01',
    osConfig,
    osTools,
    '',
    'os.version=10',
    'vm-101',
    '4210c0de-0000-0000-0000-000000000001',
    '5010c0de-0000-0000-0000-000000000001',
    'VMware vCenter Server',
    '8.0.2',
    'vcenter01',
    'b1e0c0de-0000-0000-0000-000000000001',
  ].join(',');
}

describe('RVTools vInfo columns', () => {
  it('keeps documented columns out of the tags and reads the vCenter figures as facts', async () => {
    const { resources } = await read([
      HEADER,
      row(
        'app-01',
        'poweredOn',
        'Microsoft Windows Server 2019 (64-bit)',
        'Microsoft Windows Server 2019 Standard',
      ),
    ]);
    expect(resources).toHaveLength(1);
    // Only the custom attributes (and placement) are tags.
    expect(resources[0].tags).toEqual({
      datacenter: 'DC1',
      cluster: 'CL1',
      host: 'esx01',
      'backup-policy': 'daily-30d',
      'com.vrlcm.snapshot': 'before-upgrade',
    });
    expect(resources[0].raw).toMatchObject({
      cpuReadinessPercent: 1.5,
      activeMemoryMiB: 4915,
      osSource: 'vmware-tools',
    });
  });

  it('says a configuration-file OS that stands for several releases is ambiguous', async () => {
    const { resources, warnings } = await read([
      HEADER,
      row(
        'win-off',
        'poweredOff',
        'Microsoft Windows Server 2012 (64-bit)',
        '',
      ),
      row(
        'win-on',
        'poweredOn',
        'Microsoft Windows Server 2012 (64-bit)',
        'Microsoft Windows Server 2012 R2 Standard',
      ),
      row(
        'win-r2',
        'poweredOff',
        'Microsoft Windows Server 2012 R2 (64-bit)',
        '',
      ),
      row(
        'win-2016',
        'poweredOff',
        'Microsoft Windows Server 2016 or later (64-bit)',
        '',
      ),
    ]);
    const byName = Object.fromEntries(resources.map(r => [r.name, r]));

    expect(byName['win-off'].specs.os).toEqual({
      family: 'windows',
      name: 'Microsoft Windows Server 2012 (64-bit)',
    });
    expect(byName['win-off'].tags['os-version-ambiguous']).toBe(
      '2012 or 2012 R2',
    );
    expect(byName['win-off'].raw?.osSource).toBe('configuration-file');
    // VMware Tools saw the running guest: no doubt.
    expect(byName['win-on'].specs.os?.version).toBe('2012 R2');
    expect(byName['win-on'].tags['os-version-ambiguous']).toBeUndefined();
    // The configuration file names R2 itself.
    expect(byName['win-r2'].specs.os?.version).toBe('2012 R2');
    expect(byName['win-r2'].tags['os-version-ambiguous']).toBeUndefined();
    expect(byName['win-2016'].specs.os?.version).toBeUndefined();
    expect(byName['win-2016'].tags['os-version-ambiguous']).toBe(
      '2016, 2019, 2022 or later',
    );

    expect(warnings).toEqual([
      'vinfo.csv line 2: the OS version of "win-off" is ambiguous: the configuration file says "Microsoft Windows Server 2012 (64-bit)", which stands for 2012 or 2012 R2, and VMware Tools reports none',
      'vinfo.csv line 5: the OS version of "win-2016" is ambiguous: the configuration file says "Microsoft Windows Server 2016 or later (64-bit)", which stands for 2016, 2019, 2022 or later, and VMware Tools reports none',
    ]);
  });
});
