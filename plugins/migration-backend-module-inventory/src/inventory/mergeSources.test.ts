import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { InventoryProvider } from './InventoryProvider';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-merge-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function discover(files: string[]) {
  const warnings: string[] = [];
  const counters: Record<string, number> = {};
  const provider = InventoryProvider.fromConfig(
    new ConfigReader({
      id: 'dc1',
      provider: 'inventory',
      inventory: { files },
    }),
    { environmentId: 'dc1', logger: mockServices.logger.mock() },
  );
  const resources: DiscoveredResource[] = [];
  for await (const r of provider.discover({
    reporter: {
      warn: m => warnings.push(m),
      count: (c, by = 1) => {
        counters[c] = (counters[c] ?? 0) + by;
      },
    },
  })) {
    resources.push(r);
  }
  return { resources, warnings, counters };
}

const VINFO = [
  'VM,Powerstate,DNS Name,CPUs,Memory,Total disk capacity MiB,In Use MiB,Primary IP Address,Backup Policy,Datacenter,Cluster,OS according to the configuration file,OS according to the VMware Tools',
  // Matches the import's WEB01.corp.example by its name without the DNS suffix.
  'web01,poweredOn,web01.corp.example,4,8192,81920,40960,10.1.0.11,daily,DC-FRA,CL-1,Microsoft Windows Server 2019 (64-bit),Microsoft Windows Server 2019 Standard',
  // Matches the import's sql-prod-a only by its address.
  'db-vm-17,poweredOff,,8,32768,204800,,10.1.0.21,weekly,DC-FRA,CL-1,Microsoft Windows Server 2012 (64-bit),',
  'rv-only,poweredOn,,2,4096,40960,,10.1.0.31,,DC-FRA,CL-1,CentOS 7 (64-bit),CentOS 7 (64-bit)',
];
const SERVERS = [
  '*Server name,IP addresses,*Cores,*Memory (In MB),*OS name,OS version,Number of disks,Disk 1 size (In GB),CPU utilization percentage,Memory utilization percentage,Owner',
  'WEB01.corp.example,10.1.0.11,2,4096,Microsoft Windows Server 2019 Standard,10.0.17763,1,100,35,60,team-web',
  'sql-prod-a,10.1.0.21,8,32768,Microsoft Windows Server 2012 R2 Datacenter,6.3.9600,1,200,55,80,team-data',
  'az-only,10.1.0.41,2,4096,Ubuntu 22.04,22.04,1,30,10,20,team-ops',
];

describe('one server in RVTools and an Azure Migrate import', () => {
  it('becomes one resource, each field from the source that wins it', async () => {
    const vinfo = write('vinfo.csv', VINFO);
    const servers = write('servers.csv', SERVERS);
    const { resources, counters } = await discover([vinfo, servers]);

    expect(resources.map(r => r.name).sort()).toEqual([
      'az-only',
      'db-vm-17',
      'rv-only',
      'web01',
    ]);
    expect(counters).toMatchObject({ rowsImported: 6, resourcesMerged: 2 });

    const web = resources.find(r => r.name === 'web01')!;
    expect(web).toMatchObject({
      externalId: 'web01',
      region: 'DC-FRA',
      zone: 'CL-1',
      specs: {
        // RVTools reads what vCenter gives the VM; the import's 2 cores / 4 GiB lose.
        vcpus: 4,
        memoryMiB: 8192,
        disks: [{ sizeGiB: 80, usedGiB: 40 }],
        powerState: 'poweredOn',
        ipAddresses: ['10.1.0.11'],
        // VMware Tools reported the OS: it wins over the import.
        os: { name: 'Microsoft Windows Server 2019 Standard', version: '2019' },
      },
      // Utilization only the import has.
      utilization: { cpuP95: 35, memP95: 60 },
      tags: {
        'backup-policy': 'daily',
        owner: 'team-web',
        'inventory-sources': 'rvtools-vinfo, azure-migrate-servers',
        'inventory-field-sources':
          'name, vcpus, memory, disks, power-state, os, region, zone: rvtools-vinfo; utilization: azure-migrate-servers',
      },
      raw: {
        source: 'rvtools-vinfo+azure-migrate-servers',
        sources: [
          { source: 'rvtools-vinfo', name: 'web01', file: vinfo, line: 2 },
          {
            source: 'azure-migrate-servers',
            name: 'WEB01.corp.example',
            file: servers,
            line: 2,
          },
        ],
      },
    });

    const db = resources.find(r => r.name === 'db-vm-17')!;
    // The configuration file's "Windows Server 2012" is ambiguous; the import's OS is the guest's.
    expect(db.specs.os).toEqual({
      family: 'windows',
      name: 'Microsoft Windows Server 2012 R2 Datacenter',
      version: '6.3.9600',
    });
    expect(db.tags['os-version-ambiguous']).toBeUndefined();
    expect(db.raw?.fieldSources).toMatchObject({
      vcpus: 'rvtools-vinfo',
      os: 'azure-migrate-servers',
      disks: 'rvtools-vinfo',
    });

    for (const single of ['rv-only', 'az-only']) {
      const r = resources.find(x => x.name === single)!;
      expect(r.tags['inventory-sources']).toBeUndefined();
    }
  });

  it('merges the same way whichever file comes first', async () => {
    const vinfo = write('vinfo.csv', VINFO);
    const servers = write('servers.csv', SERVERS);
    const forward = await discover([vinfo, servers]);
    const backward = await discover([servers, vinfo]);
    const byName = (list: DiscoveredResource[]) =>
      Object.fromEntries(
        list.map(r => [
          r.name,
          { ...r, raw: { ...r.raw, sources: undefined } },
        ]),
      );
    const a = byName(forward.resources);
    const b = byName(backward.resources);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b.web01.specs).toEqual(a.web01.specs);
    expect(b['db-vm-17'].specs).toEqual(a['db-vm-17'].specs);
    expect(b.web01.tags).toEqual(a.web01.tags);
  });

  it('keeps two servers apart when a short name or address is shared by several', async () => {
    const vinfo = write('vinfo-two.csv', [
      'VM,CPUs,Memory,Primary IP Address',
      'app.site-a.example,2,4096,10.9.0.5',
      'app.site-b.example,2,4096,10.9.0.6',
    ]);
    const servers = write('servers-one.csv', [
      '*Server name,IP addresses,*Cores,*Memory (In MB),*OS name',
      'APP,,2,4096,Ubuntu 22.04',
    ]);
    const { resources, counters } = await discover([vinfo, servers]);
    expect(resources.map(r => r.name).sort()).toEqual([
      'APP',
      'app.site-a.example',
      'app.site-b.example',
    ]);
    expect(counters.resourcesMerged).toBeUndefined();
  });
});
