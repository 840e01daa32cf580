import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import ExcelJS from 'exceljs';
import { InventoryProvider } from '../InventoryProvider';
import { readInventory } from '../readInventory';
import type { InventorySource } from '../sources';

type Sheets = Record<string, unknown[][]>;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rvtools-xlsx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workbook(name: string, sheets: Sheets): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(sheet);
    for (const row of rows) ws.addRow(row);
  }
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

function recorder() {
  const warnings: string[] = [];
  const counters: Record<string, number> = {};
  return {
    warnings,
    counters,
    reporter: {
      warn: (m: string) => warnings.push(m),
      count: (c: string, by = 1) => {
        counters[c] = (counters[c] ?? 0) + by;
      },
    },
  };
}

async function discover(files: string[]) {
  const { reporter, warnings, counters } = recorder();
  const provider = InventoryProvider.fromConfig(
    new ConfigReader({
      id: 'dc1',
      provider: 'inventory',
      inventory: { files },
    }),
    { environmentId: 'dc1', logger: mockServices.logger.mock() },
  );
  const resources: DiscoveredResource[] = [];
  for await (const r of provider.discover({ reporter })) resources.push(r);
  return { resources, warnings, counters, provider };
}

const VINFO_4X = [
  'VM',
  'Powerstate',
  'Template',
  'DNS Name',
  'CPUs',
  'Overall Cpu Readiness',
  'Memory',
  'Active Memory',
  'Total disk capacity MiB',
  'Primary IP Address',
  'Provisioned MiB',
  'In Use MiB',
  'Annotation',
  'Backup Policy',
  'com.example.owner',
  'Datacenter',
  'Cluster',
  'Host',
  'OS according to the configuration file',
  'OS according to the VMware Tools',
  'VM UUID',
];

const RVTOOLS_4X: Sheets = {
  vInfo: [
    VINFO_4X,
    [
      'app-01',
      'poweredOn',
      false,
      'app-01.corp.example',
      4,
      '0.5%',
      16384,
      3000,
      122880,
      '10.0.0.11',
      131072,
      65536,
      'order service',
      'daily-30d',
      'team-orders',
      'DC-FRA',
      'CL-PROD',
      'esx-01.corp.example',
      'Red Hat Enterprise Linux 8 (64-bit)',
      'Red Hat Enterprise Linux 8.8 (Ootpa)',
      '5003a1b2-0000-0000-0000-000000000001',
    ],
    [
      'win-01',
      'poweredOff',
      false,
      '',
      2,
      '',
      8192,
      0,
      61440,
      '',
      61440,
      20480,
      '',
      '',
      '',
      'DC-FRA',
      'CL-PROD',
      'esx-01.corp.example',
      'Microsoft Windows Server 2012 (64-bit)',
      '',
      '5003a1b2-0000-0000-0000-000000000002',
    ],
  ],
  vCPU: [
    ['VM', 'CPUs', 'Sockets'],
    ['app-01', 4, 2],
  ],
  vDisk: [
    ['VM', 'Disk', 'Disk Key', 'Capacity MiB', 'Thin'],
    ['app-01', 'Hard disk 1', 2000, 81920, true],
    ['app-01', 'Hard disk 2', 2001, 40960, false],
    ['win-01', 'Hard disk 1', 2000, 61440, true],
  ],
  vPartition: [
    ['VM', 'Disk Key', 'Disk', 'Capacity MiB', 'Consumed MiB', 'Free MiB'],
    ['app-01', 2000, '/', 40960, 10240, 30720],
    ['app-01', 2000, '/var', 40000, 5120, 34880],
    ['app-01', 2001, '/data', 40900, 30720, 10180],
  ],
  vNetwork: [
    ['VM', 'NIC label', 'Network', 'IPv4 Address'],
    ['app-01', 'Network adapter 1', 'VLAN10', '10.0.0.11, 10.0.1.11'],
  ],
  vHost: [
    ['Host', 'Datacenter', 'CPU Model', 'Speed', '# Cores', 'ESX Version'],
    [
      'esx-01.corp.example',
      'DC-FRA',
      'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
      2494,
      40,
      'VMware ESXi 7.0.3 build-21930508',
    ],
  ],
};

describe('RVTools workbooks (.xlsx)', () => {
  it('reads vInfo, vDisk, vPartition, vNetwork and vHost of one workbook', async () => {
    const file = await workbook('RVTools_export_all.xlsx', RVTOOLS_4X);
    const { resources, counters, warnings } = await discover([file]);

    expect(resources.map(r => r.name)).toEqual(['app-01', 'win-01']);
    const app = resources[0];
    expect(app).toMatchObject({
      externalId: 'app-01',
      region: 'DC-FRA',
      zone: 'CL-PROD',
      specs: {
        vcpus: 4,
        memoryMiB: 16384,
        powerState: 'poweredOn',
        ipAddresses: ['10.0.0.11', '10.0.1.11'],
        os: { family: 'linux', version: '8.8' },
        // vDisk's disks, the guest's use per disk from vPartition (by Disk Key).
        disks: [
          { name: 'Hard disk 1', sizeGiB: 80, usedGiB: 15, type: 'thin' },
          { name: 'Hard disk 2', sizeGiB: 40, usedGiB: 30, type: 'thick' },
        ],
      },
      raw: {
        cpuReadinessPercent: 0.5,
        activeMemoryMiB: 3000,
        networks: ['VLAN10'],
        host: {
          cpuModel: 'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
          speedMhz: 2494,
          cores: 40,
          esxVersion: 'VMware ESXi 7.0.3 build-21930508',
        },
      },
    });
    // Custom attributes are tags; the standard columns are not.
    expect(app.tags).toEqual({
      datacenter: 'DC-FRA',
      cluster: 'CL-PROD',
      host: 'esx-01.corp.example',
      'backup-policy': 'daily-30d',
      'com.example.owner': 'team-orders',
    });
    expect(counters).toMatchObject({
      files: 1,
      rowsImported: 2,
      rowsIndexed: 3 + 3 + 1 + 1,
    });
    expect(counters.rowsRejected ?? 0).toBe(0);
    expect(counters.rowsRead).toBe(
      counters.rowsImported + counters.rowsIndexed,
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /RVTools_export_all\.xlsx sheet vInfo row 3: the OS version of "win-01" is ambiguous/,
      ),
    ]);
  });

  it('gives the same resources as the CSV tabs of the same export', async () => {
    const file = await workbook('same.xlsx', RVTOOLS_4X);
    const csv = (rows: unknown[][]) =>
      rows
        .map(r =>
          r
            .map(v =>
              typeof v === 'string' && v.includes(',') ? `"${v}"` : String(v),
            )
            .join(','),
        )
        .join('\n');
    const tabs = ['vInfo', 'vDisk', 'vPartition', 'vNetwork', 'vHost'].map(
      tab => {
        const p = path.join(dir, `same_${tab}.csv`);
        fs.writeFileSync(p, csv(RVTOOLS_4X[tab]));
        return p;
      },
    );
    const fromXlsx = await discover([file]);
    const fromCsv = await discover([...tabs.slice(1), tabs[0]]);
    const strip = (r: DiscoveredResource) => ({
      ...r,
      raw: { ...r.raw, file: undefined, line: undefined },
    });
    expect(fromXlsx.resources.map(strip)).toEqual(fromCsv.resources.map(strip));
  });

  it('reads RVTools 3.x MB column names', async () => {
    const file = await workbook('rvtools3.xlsx', {
      vInfo: [
        [
          'VM',
          'Powerstate',
          'CPUs',
          'Memory',
          'Total disk capacity MB',
          'In Use MB',
          'OS',
        ],
        [
          'old-01',
          'poweredOn',
          1,
          2048,
          20480,
          10240,
          'Microsoft Windows Server 2008 R2 (64-bit)',
        ],
      ],
      vDisk: [
        ['VM', 'Disk', 'Capacity MB', 'Thin'],
        ['old-01', 'Hard disk 1', 20480, false],
      ],
    });
    const { resources } = await discover([file]);
    expect(resources).toHaveLength(1);
    expect(resources[0].specs).toMatchObject({
      vcpus: 1,
      memoryMiB: 2048,
      disks: [{ name: 'Hard disk 1', sizeGiB: 20, type: 'thick' }],
      os: { family: 'windows', version: '2008 R2' },
    });
  });

  it('names the sheet and every missing required column', async () => {
    const noCpus = await workbook('no-cpus.xlsx', {
      vInfo: [
        ['VM', 'Memory', 'Powerstate'],
        ['a', 1024, 'poweredOn'],
      ],
    });
    await expect(discover([noCpus])).rejects.toThrow(
      /no-cpus\.xlsx sheet vInfo row 1: missing required RVTools vInfo column "CPUs"; the header has: VM, Memory, Powerstate/,
    );
    const badDisk = await workbook('bad-vdisk.xlsx', {
      vInfo: RVTOOLS_4X.vInfo,
      vDisk: [
        ['VM', 'Disk'],
        ['app-01', 'Hard disk 1'],
      ],
    });
    await expect(discover([badDisk])).rejects.toThrow(
      /bad-vdisk\.xlsx sheet vDisk row 1: missing required RVTools vDisk column "Capacity MiB"/,
    );
    const noVInfo = await workbook('no-vinfo.xlsx', {
      vHost: RVTOOLS_4X.vHost,
    });
    await expect(discover([noVInfo])).rejects.toThrow(
      /no-vinfo\.xlsx: no vInfo sheet; .* this one has vHost/,
    );
  });

  it('reports a bad number with its sheet and row, and skips the row', async () => {
    const file = await workbook('bad-number.xlsx', {
      vInfo: [
        ['VM', 'CPUs', 'Memory'],
        ['good-01', 2, 4096],
        ['bad-01', 'four', 4096],
        ['bad-02', 2, { error: '#N/A' }],
      ],
      vDisk: [
        ['VM', 'Disk', 'Capacity MiB'],
        ['good-01', 'Hard disk 1', 'lots'],
      ],
    });
    const { resources, warnings, counters } = await discover([file]);
    expect(resources.map(r => r.name)).toEqual(['good-01']);
    expect(warnings).toEqual([
      `${file} sheet vDisk row 2: Capacity MiB "lots" of a disk of "good-01" is not a number; row skipped`,
      `${file} sheet vInfo row 3: CPUs "four" of "bad-01" is not a positive whole number; row skipped`,
      `${file} sheet vInfo row 4: Memory "#N/A" of "bad-02" is not a positive number of MiB; row skipped`,
    ]);
    expect(counters.rowsRejected).toBe(3);
    expect(counters.rowsRead).toBe(
      counters.rowsImported +
        (counters.rowsIndexed ?? 0) +
        counters.rowsRejected,
    );
  });

  it('refuses a workbook cut short', async () => {
    const whole = fs.readFileSync(await workbook('whole.xlsx', RVTOOLS_4X));
    const cut = path.join(dir, 'cut.xlsx');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(discover([cut])).rejects.toThrow(
      /cut\.xlsx: not readable as an xlsx workbook/,
    );
  });

  it('tells a workbook by its bytes when its name does not say', async () => {
    const file = await workbook('export.bin', RVTOOLS_4X);
    const source: InventorySource = {
      label: 'https://files.example.com/rvtools?export=1',
      open: async () => Readable.from([fs.readFileSync(file)]),
      child: () => {
        throw new Error('no children');
      },
    };
    const resources: DiscoveredResource[] = [];
    for await (const r of readInventory([source], { environmentId: 'dc1' })) {
      resources.push(r);
    }
    expect(resources.map(r => r.name)).toEqual(['app-01', 'win-01']);
  });

  it('validates a workbook by its sheets', async () => {
    const file = await workbook('valid.xlsx', RVTOOLS_4X);
    const { provider } = await discover([file]);
    await expect(provider.validate()).resolves.toEqual([
      expect.objectContaining({
        status: 'pass',
        message:
          'RVTools workbook with the sheets vInfo, vDisk, vPartition, vNetwork, vHost',
      }),
    ]);
  });
});
