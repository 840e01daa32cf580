/**
 * Deterministic generator of a large on-prem estate in the export formats the inventory provider
 * reads: an RVTools 4.x vInfo sheet (BOM, MiB headers, custom-attribute columns) and an Azure
 * Migrate dependency export.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from './assessmentEstate';

/** The vInfo columns both generators write, in RVTools' order. */
const VINFO_COLUMNS = [
  'VM',
  'Powerstate',
  'Template',
  'SRM Placeholder',
  'Config status',
  'DNS Name',
  'Connection state',
  'Guest state',
  'Heartbeat',
  'Consolidation Needed',
  'PowerOn',
  'Creation date',
  'CPUs',
  'Memory',
  'NICs',
  'Disks',
  'Total disk capacity MiB',
  'Primary IP Address',
  'Network #1',
  'Resource pool',
  'Folder',
  'Provisioned MiB',
  'In Use MiB',
  'Unshared MiB',
  'Firmware',
  'HW version',
  'Path',
  'Annotation',
  'App',
  'Owner',
  'Tier',
  'Backup Policy',
  'Datacenter',
  'Cluster',
  'Host',
  'OS according to the configuration file',
  'OS according to the VMware Tools',
  'VM ID',
  'VM UUID',
  'VI SDK Server',
];

/** The vInfo header: the common columns, each followed by the columns `extra` adds after it. */
export function vinfoHeader(extra: Record<string, string[]>): string[] {
  return VINFO_COLUMNS.flatMap(column => [column, ...(extra[column] ?? [])]);
}

const VINFO_HEADER = vinfoHeader({
  'Backup Policy': ['CPU P95 %', 'Memory P95 %'],
});

const DEPENDENCY_HEADER = [
  'Time slot',
  'Source server name',
  'Source IP',
  'Source application',
  'Source process',
  'Destination server name',
  'Destination IP',
  'Destination application',
  'Destination process',
  'Destination port',
];

export const OS = [
  [
    'Microsoft Windows Server 2012 R2 (64-bit)',
    'Microsoft Windows Server 2012 R2 Standard',
  ],
  [
    'Microsoft Windows Server 2016 or later (64-bit)',
    'Microsoft Windows Server 2019 Standard',
  ],
  ['CentOS 7 (64-bit)', 'CentOS Linux 7 (Core)'],
  [
    'Red Hat Enterprise Linux 8 (64-bit)',
    'Red Hat Enterprise Linux 8.8 (Ootpa)',
  ],
  ['Ubuntu Linux (64-bit)', 'Ubuntu 22.04.4 LTS'],
];
export const APPS = [
  'webshop',
  'payments',
  'hr-portal',
  'crm',
  'logistics',
  'reporting',
];
const OWNERS = [
  'team-webshop',
  'team-payments',
  'team-hr',
  'team-crm',
  'team-logistics',
  'team-data',
];
const TIERS = ['web', 'app', 'db'];
export const SHAPES = [
  [1, 2],
  [2, 4],
  [2, 8],
  [4, 16],
  [8, 32],
  [16, 64],
];
const PORTS = [443, 8080, 1433, 5432, 3306, 6379, 5672, 389];

export const name = (i: number) => `vm-${String(i).padStart(6, '0')}`;
export const ip = (i: number) =>
  `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** How many ESXi hosts the generated VMs run on. */
export const HOSTS = 400;

type Cell = string | number | boolean;

/** One generated VM as the vInfo sheet describes it; `no` is how the export writes "False". */
export interface GeneratedVm {
  index: number;
  on: boolean;
  cpus: number;
  memGiB: number;
  disks: number;
  totalDiskMiB: number;
  inUseMiB: number;
  app: string;
  owner: string;
  tier: string;
  backupPolicy: string;
  osConfig: string;
  osTools: string;
  hwVersion: string;
  annotation: string;
  uuid: string;
  no: string | boolean;
}

/**
 * The vInfo cells of `vm` in `header`'s order; `extra` holds the columns only one of the
 * generators writes.
 */
export function vinfoCells(
  header: string[],
  vm: GeneratedVm,
  extra: Record<string, Cell>,
): Cell[] {
  const i = vm.index;
  const n = name(i);
  const memoryMiB = vm.memGiB * 1024;
  const cells: Record<string, Cell> = {
    VM: n,
    Powerstate: vm.on ? 'poweredOn' : 'poweredOff',
    Template: vm.no,
    'SRM Placeholder': vm.no,
    'Config status': 'green',
    'DNS Name': `${n}.corp.example`,
    'Connection state': 'connected',
    'Guest state': vm.on ? 'running' : 'notRunning',
    Heartbeat: vm.on ? 'green' : 'gray',
    'Consolidation Needed': vm.no,
    PowerOn: '2023/05/14 03:12:45',
    'Creation date': '2019/11/02 10:21:09',
    CPUs: vm.cpus,
    Memory: memoryMiB,
    NICs: 1,
    Disks: vm.disks,
    'Total disk capacity MiB': vm.totalDiskMiB,
    'Primary IP Address': vm.on ? ip(i) : '',
    'Network #1': `VLAN${100 + (i % 40)}`,
    'Resource pool': 'Resources',
    Folder: `/${vm.app}`,
    'Provisioned MiB': vm.totalDiskMiB + memoryMiB,
    'In Use MiB': vm.inUseMiB,
    'Unshared MiB': Math.floor(vm.totalDiskMiB * 0.3),
    Firmware: 'efi',
    'HW version': vm.hwVersion,
    Path: `[ds-${i % 50}] ${n}/${n}.vmx`,
    Annotation: vm.annotation,
    App: vm.app,
    Owner: vm.owner,
    Tier: vm.tier,
    'Backup Policy': vm.backupPolicy,
    Datacenter: `DC-${i % 4}`,
    Cluster: `CL-${i % 20}`,
    Host: `esx-${i % HOSTS}.corp.example`,
    'OS according to the configuration file': vm.osConfig,
    'OS according to the VMware Tools': vm.on ? vm.osTools : '',
    'VM ID': `vm-${100000 + i}`,
    'VM UUID': vm.uuid,
    'VI SDK Server': 'vcenter.corp.example',
    ...extra,
  };
  return header.map(column => {
    if (!(column in cells)) throw new Error(`no value for column ${column}`);
    return cells[column];
  });
}

async function writeLines(
  file: string,
  header: string[],
  rows: (emit: (cells: Cell[]) => Promise<void>) => Promise<void>,
  bom: boolean,
) {
  const out = fs.createWriteStream(file);
  let buffer = `${bom ? '\uFEFF' : ''}${header.join(',')}\r\n`;
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  await rows(async cells => {
    buffer += `${cells
      .map(c =>
        typeof c === 'string' && /[",\r\n]/.test(c)
          ? `"${c.replace(/"/g, '""')}"`
          : c,
      )
      .join(',')}\r\n`;
    if (buffer.length > 1 << 20) await flush();
  });
  await flush();
  out.end();
  await once(out, 'finish');
}

/**
 * Writes `vms` VMs to `vinfoFile` and `dependencies` dependency rows (mostly to VMs of lower
 * tiers, so the graph looks like applications on databases) to `dependencyFile`. Same seed, same
 * bytes.
 */
export async function generateRvtoolsEstate(options: {
  vms: number;
  dependencies: number;
  vinfoFile: string;
  dependencyFile: string;
  seed?: number;
}) {
  const random = seededRandom(options.seed ?? 7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  await writeLines(
    options.vinfoFile,
    VINFO_HEADER,
    async emit => {
      for (let i = 0; i < options.vms; i++) {
        const [cpus, memGiB] = pick(SHAPES);
        const [osConfig, osTools] = pick(OS);
        const app = Math.floor(random() * APPS.length);
        const diskMiB = (40 + Math.floor(random() * 40) * 20) * 1024;
        const on = random() > 0.04;
        // Drawn in the order the columns are written, so the same seed gives the same bytes.
        const inUseMiB = Math.floor(diskMiB * (0.3 + random() * 0.5));
        const tier = pick(TIERS);
        const backupPolicy = pick(['daily-30d', 'hourly-log-35d', 'none']);
        const cpuP95 = on ? Math.floor(random() * 100) : '';
        const memoryP95 = on ? Math.floor(random() * 100) : '';
        await emit(
          vinfoCells(
            VINFO_HEADER,
            {
              index: i,
              on,
              cpus,
              memGiB,
              disks: 2,
              totalDiskMiB: diskMiB,
              inUseMiB,
              app: APPS[app],
              owner: OWNERS[app],
              tier,
              backupPolicy,
              osConfig,
              osTools,
              hwVersion: 'vmx-14',
              annotation: `Generated VM ${i}, "bench" estate`,
              uuid: `5003${(i * 2654435761)
                .toString(16)
                .padStart(4, '0')
                .slice(-4)}-7c1b-4e3a-9c8d-${String(i).padStart(12, '0')}`,
              no: 'False',
            },
            { 'CPU P95 %': cpuP95, 'Memory P95 %': memoryP95 },
          ),
        );
      }
    },
    true,
  );
  await writeLines(
    options.dependencyFile,
    DEPENDENCY_HEADER,
    async emit => {
      for (let n = 0; n < options.dependencies; n++) {
        const source = Math.floor(random() * options.vms);
        // Lower-numbered VMs play the shared services: most edges point "down".
        const target = Math.floor(random() * random() * options.vms);
        if (target === source) continue;
        const port = pick(PORTS);
        await emit([
          '2024-05-13 00:00 - 01:00',
          name(source),
          ip(source),
          'App',
          'java',
          name(target),
          ip(target),
          'Service',
          'svc',
          port,
        ]);
      }
    },
    false,
  );
}

/** `node <this file> <vms> <dependencies> <vinfoFile> <dependencyFile>`: generates in a child process. */
if (require.main === module) {
  const [vms, dependencies, vinfoFile, dependencyFile] = process.argv.slice(2);
  generateRvtoolsEstate({
    vms: Number(vms),
    dependencies: Number(dependencies),
    vinfoFile,
    dependencyFile,
  }).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
