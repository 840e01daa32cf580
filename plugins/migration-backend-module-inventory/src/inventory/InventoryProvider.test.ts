import path from 'node:path';
import { Readable } from 'node:stream';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import { mockServices } from '@backstage/backend-test-utils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { InventoryProvider } from './InventoryProvider';
import { readInventory } from './readInventory';
import { fileInventorySource, type InventorySource } from './sources';

const EXAMPLES = path.resolve(__dirname, '../../../../examples/inventory');

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

async function collect(iterable: AsyncIterable<DiscoveredResource>) {
  const out: DiscoveredResource[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

function provider(files: JsonValue[], extra: JsonObject = {}) {
  return InventoryProvider.fromConfig(
    new ConfigReader({
      id: 'dc1',
      provider: 'inventory',
      inventory: { files, ...extra },
    }),
    {
      environmentId: 'dc1',
      owner: 'group:default/ops',
      logger: mockServices.logger.mock(),
    },
  );
}

function text(label: string, content: string): InventorySource {
  return {
    label,
    open: async () => Readable.from([Buffer.from(content)]),
    child: () => {
      throw new Error('no children');
    },
  };
}

describe('InventoryProvider on the example estate', () => {
  it('reads the RVTools vInfo + vDisk export and the dependency CSV of dc1', async () => {
    const { reporter, warnings, counters } = recorder();
    const resources = await collect(
      provider([`${EXAMPLES}/dc1/dc1.inventory.yaml`]).discover({ reporter }),
    );

    expect(resources).toHaveLength(61);
    expect(counters).toMatchObject({
      files: 4,
      rowsImported: 61,
      rowsRejected: 1,
    });
    expect(counters.rowsRead).toBe(
      counters.rowsImported + counters.rowsIndexed + counters.rowsRejected,
    );
    // The template row is reported with its line, not silently dropped.
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /rvtools-vinfo\.csv line 42: "tpl-win2019-base" is a template, not a virtual machine; row skipped/,
      ),
    );
    // The dependency on a server outside the inventory is reported.
    expect(warnings).toContainEqual(expect.stringContaining('mainframe-gw'));
    expect(counters.dependenciesOutsideInventory).toBe(1);

    const web = resources.find(r => r.name === 'pay-app-01')!;
    expect(web).toMatchObject({
      provider: 'inventory',
      environmentId: 'dc1',
      externalId: 'pay-app-01',
      kind: 'vm',
      region: 'fra-dc1',
      zone: 'CL-FRA-PROD',
      specs: {
        vcpus: 4,
        memoryMiB: 16384,
        os: {
          family: 'windows',
          name: 'Microsoft Windows Server 2012 R2 Standard',
          version: '2012 R2',
        },
        ipAddresses: ['10.20.20.18'],
        powerState: 'poweredOn',
        disks: [
          { name: 'Hard disk 1', sizeGiB: 80, type: 'thin' },
          { name: 'Hard disk 2', sizeGiB: 40, type: 'thin' },
        ],
      },
      tags: {
        app: 'payments',
        owner: 'team-payments',
        tier: 'app',
        'backup-policy': 'daily-30d',
        datacenter: 'DC-FRA',
      },
      utilization: { cpuP95: 49, memP95: 71 },
    });
    expect(web.dependsOn.sort()).toEqual([
      'dc1-ad-01',
      'pay-hsm-proxy-01',
      'sql-clu-01',
    ]);
    // Standard RVTools columns never become tags.
    expect(Object.keys(web.tags)).not.toContain('firmware');

    const etl = resources.find(r => r.name === 'rpt-etl-01')!;
    expect(etl.dependsOn.sort()).toEqual([
      'crm-db-01',
      'dc1-ad-01',
      'log-db-01',
      'rpt-dwh-01',
      'shop-db-02',
      'sql-clu-01',
    ]);
    const off = resources.filter(r => r.specs.powerState === 'poweredOff');
    expect(off.map(r => r.name).sort()).toEqual([
      'crm-report-01',
      'hr-test-01',
      'log-legacy-01',
    ]);
    expect(
      resources.filter(r => r.specs.os?.name?.includes('CentOS')),
    ).not.toHaveLength(0);
  });

  it('reads the Azure Migrate import of lis with its document resources', async () => {
    const { reporter, warnings, counters } = recorder();
    const resources = await collect(
      provider([`${EXAMPLES}/lis/lis.inventory.yaml`]).discover({ reporter }),
    );
    expect(warnings).toEqual([]);
    expect(resources.map(r => r.externalId).sort()).toEqual([
      'lis-dc-01',
      'lis-fs-01',
      'lis-lb-01',
      'lis-nas-01',
      'lis-print-01',
      'lis-scan-01',
      'lis-veeam-01',
      'lis-wms-app-01',
      'lis-wms-app-02',
      'lis-wms-db-01',
    ]);
    expect(counters.rowsImported).toBe(10);
    const db = resources.find(r => r.externalId === 'lis-wms-db-01')!;
    expect(db).toMatchObject({
      name: 'LIS-WMS-DB-01',
      region: 'lis-branch',
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        os: { family: 'windows', version: '10.0.14393' },
        disks: [
          { name: 'Disk 1', sizeGiB: 100 },
          { name: 'Disk 2', sizeGiB: 1024 },
        ],
      },
      utilization: { cpuP95: 58, memP95: 87, iopsP95: 90 + 70 + 1450 + 880 },
      tags: {
        owner: 'team-logistics',
        app: 'logistics',
        hypervisor: 'Hyper-V',
      },
    });
    expect(db.utilization!.networkMbpsP95).toBeCloseTo((9.1 + 11.4) * 8);
    expect(
      resources.find(r => r.externalId === 'lis-veeam-01')!.dependsOn.sort(),
    ).toEqual(['lis-dc-01', 'lis-nas-01', 'lis-wms-db-01']);
    expect(resources.find(r => r.externalId === 'lis-lb-01')).toMatchObject({
      kind: 'load-balancer',
      dependsOn: ['lis-wms-app-01', 'lis-wms-app-02'],
    });
  });

  it('validates each configured file', async () => {
    const checks = await provider([
      `${EXAMPLES}/dc1/rvtools-vinfo.csv`,
      { path: `${EXAMPLES}/lis/azure-migrate-servers.csv` },
      `${EXAMPLES}/missing.csv`,
    ]).validate();
    expect(checks.map(c => c.status)).toEqual(['pass', 'pass', 'fail']);
    expect(checks[0].message).toBe('RVTools vInfo with the required columns');
    expect(checks[2].message).toContain('missing.csv cannot be read');
    expect(checks[2].remediation).toContain('inventory.files');
  });
});

describe('readInventory on broken files', () => {
  const read = (sources: InventorySource[]) => {
    const rec = recorder();
    return {
      ...rec,
      run: () =>
        collect(
          readInventory(sources, {
            environmentId: 'x',
            reporter: rec.reporter,
          }),
        ),
    };
  };

  it('names the file, the line and every missing required column', async () => {
    const { run } = read([
      text('vinfo.csv', 'VM,Powerstate,Disks\nweb01,poweredOn,1\n'),
    ]);
    await expect(run()).rejects.toThrow(
      'vinfo.csv line 1: missing required RVTools vInfo columns "CPUs", "Memory"; the header has: VM, Powerstate, Disks',
    );
  });

  it('names the missing Azure Migrate columns, however the header is written', async () => {
    const { run } = read([
      text('servers.csv', '*SERVER NAME;*cores;OS name\nweb01;2;Windows\n'),
    ]);
    await expect(run()).rejects.toThrow(
      'servers.csv line 1: missing required Azure Migrate server import column "*Memory (In MB)"',
    );
  });

  it('refuses files of no known format', async () => {
    const { run } = read([text('other.csv', 'a,b\n1,2\n')]);
    await expect(run()).rejects.toThrow(
      /other\.csv line 1: not a known inventory format/,
    );
  });

  it('refuses empty files', async () => {
    await expect(read([text('empty.csv', '')]).run()).rejects.toThrow(
      'empty.csv line 1: the file is empty, expected a header row',
    );
  });

  it('skips bad rows with their line and counts them', async () => {
    const csv = [
      '\uFEFF*Server name;*Cores;*Memory (In MB);*OS name;CPU utilization percentage;Cost Center',
      'app01;4;16384;CentOS 7;12,5;CC-100',
      'app02;four;8192;CentOS 7;;CC-100',
      ';2;8192;CentOS 7;;',
      'app03;2;8192;Ubuntu 22.04;abc;CC-200',
      'app04;2;8192',
      'APP01;2;4096;CentOS 7;;',
      'app05;2;"8192;CentOS 7;;',
    ].join('\r\n');
    const { run, warnings, counters } = read([text('servers.csv', csv)]);
    const resources = await run();
    expect(resources.map(r => r.name)).toEqual(['app01', 'app03']);
    expect(resources[0].utilization).toEqual({ cpuP95: 12.5 });
    expect(resources[0].tags).toEqual({ 'cost-center': 'CC-100' });
    expect(warnings).toEqual([
      'servers.csv line 3: Cores "four" of "app02" is not a positive whole number; row skipped',
      'servers.csv line 4: the Server name column is empty; row skipped',
      'servers.csv line 5: CPU utilization percentage "abc" of "app03" is not a number; ignored',
      'servers.csv line 6: has 3 fields where the header has 6; row skipped',
      'servers.csv line 7: "APP01" appears again (first at servers.csv line 2); row skipped',
      expect.stringMatching(/^servers\.csv line 8: .*row skipped$/),
    ]);
    expect(counters).toMatchObject({
      rowsRead: 7,
      rowsImported: 2,
      rowsRejected: 5,
    });
  });

  it('rejects inventory document resources that do not match the schema', async () => {
    const doc = [
      'apiVersion: sirsi-nexus.io/v1alpha1',
      'kind: Inventory',
      'resources:',
      '  - id: db-1',
      '    kind: database',
      '    name: Orders DB',
      '    specs: { engine: postgres, storageGiB: 500 }',
      '  - id: vm-1',
      '    kind: vm',
      '    name: VM 1',
      '    specs: { vcpu: 2 }',
      '  - id: vm-2',
      '    kind: mainframe',
      '    name: Z',
    ].join('\n');
    const { run, warnings } = read([text('estate.yaml', doc)]);
    const resources = await run();
    expect(resources.map(r => r.externalId)).toEqual(['db-1']);
    expect(warnings).toEqual([
      'estate.yaml line 8: resource /specs must NOT have additional properties "vcpu"; row skipped',
      expect.stringMatching(
        /^estate\.yaml line 12: resource \/kind must be equal to one of the allowed values .*mainframe|^estate\.yaml line 12: resource \/kind must be equal to one of the allowed values/,
      ),
    ]);
  });

  it('refuses documents that are not inventories', async () => {
    await expect(
      read([
        text(
          'x.json',
          '{"apiVersion": "backstage.io/v1alpha1", "kind": "Component"}',
        ),
      ]).run(),
    ).rejects.toThrow(
      'x.json: not a SirsiNexus inventory document: /apiVersion must be equal to constant',
    );
    await expect(read([text('y.yaml', 'a: [1,\n')]).run()).rejects.toThrow(
      /^y\.yaml line \d: not valid JSON or YAML/,
    );
  });

  it('streams JSON Lines and reports bad lines', async () => {
    const lines = [
      '{"id":"a","kind":"vm","name":"A","specs":{"vcpus":2,"memoryMiB":2048},"dependsOn":["B"]}',
      '',
      '{"id":"b","kind":"vm","name":"B"',
      '{"id":"b","kind":"vm","name":"B"}',
    ].join('\n');
    const { run, warnings } = read([text('estate.jsonl', lines)]);
    const resources = await run();
    expect(resources.map(r => [r.externalId, r.dependsOn])).toEqual([
      ['a', ['b']],
      ['b', []],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^estate\.jsonl line 3: not valid JSON/),
    ]);
  });

  it('stops when aborted', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `vm${i},1,1024`).join(
      '\n',
    );
    const controller = new AbortController();
    const iterator = readInventory(
      [text('big.csv', `VM,CPUs,Memory\n${rows}\n`)],
      {
        environmentId: 'x',
        signal: controller.signal,
      },
    );
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of iterator) {
          if (++n === 10) controller.abort();
        }
      })(),
    ).rejects.toThrow(/aborted/i);
    expect(n).toBeLessThan(600);
  });
});

describe('InventoryProvider.fromConfig', () => {
  it('names the key that is wrong', () => {
    expect(() => provider([])).toThrow(
      'Environment dc1: inventory.files must list at least one file',
    );
    expect(() => provider([{ format: 'csv' }])).toThrow(
      'Environment dc1: inventory.files[0].format "csv" is not one of rvtools-vinfo',
    );
    expect(() => provider([{ format: 'rvtools-vinfo' }])).toThrow(
      'Environment dc1: inventory.files[0] needs a path or a url',
    );
    expect(() => provider(['https://example.com/vinfo.csv'])).toThrow(
      'Environment dc1: inventory.files[0].url needs a UrlReaderService',
    );
  });

  it('keeps files named by a local inventory document inside its directory', () => {
    expect(() =>
      fileInventorySource(`${EXAMPLES}/lis/lis.inventory.yaml`).child(
        '../../../etc/passwd',
      ),
    ).toThrow(/outside/i);
  });
});
