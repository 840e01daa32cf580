import { Readable } from 'node:stream';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { readInventory } from './readInventory';
import type { InventorySource } from './sources';

function text(label: string, content: string): InventorySource {
  return {
    label,
    open: async () => Readable.from([Buffer.from(content)]),
    child: () => {
      throw new Error('no children');
    },
  };
}

/** The import template filled with FQDNs, as Microsoft recommends. */
const IMPORT = `*Server name,IP addresses,*Cores,*Memory (In MB),*OS name,OS version
web01.contoso.com,10.0.1.4,2,4096,Microsoft Windows Server 2019 Datacenter,
app01.contoso.com,10.0.1.5,4,8192,Ubuntu,22.04
db01.contoso.com,10.0.2.6,8,32768,Microsoft Windows Server 2016 Datacenter,
mon01.contoso.com,10.0.3.7,2,4096,Ubuntu,22.04
`;

/**
 * An agentless dependency export: short host names (in any case), one row with the destination
 * only by IP, one with the source only by IP.
 */
const DEPENDENCIES = `Time slot,Source server name,Source IP,Source application,Source process,Destination server name,Destination IP,Destination application,Destination process,Destination port
06-05-2024 10:00 - 11:00,WEB01,10.0.1.4,IIS,w3wp.exe,app01,10.0.1.5,Tomcat,java,8080
06-05-2024 10:00 - 11:00,web01,10.0.1.4,IIS,w3wp.exe,app01,10.0.1.5,Tomcat,java,8443
06-05-2024 10:00 - 11:00,app01,10.0.1.5,Tomcat,java,,10.0.2.6,,,1433
06-05-2024 10:00 - 11:00,,10.0.3.7,,,DB01,10.0.2.6,SQL Server,sqlservr.exe,1433
`;

async function read(files: InventorySource[]) {
  const warnings: string[] = [];
  const counters: Record<string, number> = {};
  const resources: DiscoveredResource[] = [];
  for await (const resource of readInventory(files, {
    environmentId: 'lis',
    reporter: {
      warn: m => warnings.push(m),
      count: (c, by = 1) => {
        counters[c] = (counters[c] ?? 0) + by;
      },
    },
  })) {
    resources.push(resource);
  }
  const edges = Object.fromEntries(
    resources.map(r => [r.externalId, [...r.dependsOn].sort()]),
  );
  return { resources, edges, warnings, counters };
}

describe('Azure Migrate dependency export against an import of FQDNs', () => {
  it('matches short names, any case, and IPs to the FQDNs of the import', async () => {
    const { resources, edges, warnings, counters } = await read([
      text('dependencies.csv', DEPENDENCIES),
      text('servers.csv', IMPORT),
    ]);
    expect(resources).toHaveLength(4);
    expect(edges).toEqual({
      'web01.contoso.com': ['app01.contoso.com'],
      'app01.contoso.com': ['db01.contoso.com'],
      'db01.contoso.com': [],
      'mon01.contoso.com': ['db01.contoso.com'],
    });
    expect(warnings.filter(w => w.includes('not in the inventory'))).toEqual(
      [],
    );
    expect(counters.dependenciesOutsideInventory).toBeUndefined();
    expect(counters).toMatchObject({ rowsIndexed: 4, rowsImported: 4 });
    // Destination ports, found by short name or address, become listening ports.
    const ports = Object.fromEntries(
      resources.map(r => [r.externalId, r.specs.listeningPorts]),
    );
    expect(ports).toEqual({
      'web01.contoso.com': undefined,
      'app01.contoso.com': [
        { protocol: 'tcp', port: 8080 },
        { protocol: 'tcp', port: 8443 },
      ],
      'db01.contoso.com': [{ protocol: 'tcp', port: 1433 }],
      'mon01.contoso.com': undefined,
    });
  });

  it('still reports destinations no server is', async () => {
    const { edges, warnings, counters } = await read([
      text(
        'dependencies.csv',
        `${DEPENDENCIES}06-05-2024 10:00 - 11:00,app01,10.0.1.5,Tomcat,java,mainframe-gw,,,,23
06-05-2024 10:00 - 11:00,app01,10.0.1.5,Tomcat,java,,10.9.9.9,,,443
`,
      ),
      text('servers.csv', IMPORT),
    ]);
    expect(edges['app01.contoso.com']).toEqual([
      'db01.contoso.com',
      'mainframe-gw',
    ]);
    expect(warnings).toContainEqual(
      expect.stringContaining(
        '1 dependency destination(s) are not in the inventory (mainframe-gw)',
      ),
    );
    expect(counters.dependenciesOutsideInventory).toBe(1);
  });

  it('matches an export of FQDNs against an import of short names', async () => {
    const { edges } = await read([
      text(
        'dependencies.csv',
        `Source server name,Destination server name,Destination port
web01.contoso.com,APP01.contoso.com,8080
`,
      ),
      text(
        'servers.csv',
        `*Server name,*Cores,*Memory (In MB),*OS name
web01,2,4096,Ubuntu
app01,2,4096,Ubuntu
`,
      ),
    ]);
    expect(edges).toEqual({ web01: ['app01'], app01: [] });
  });
});
