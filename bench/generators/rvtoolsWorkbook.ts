/**
 * Deterministic generator of an RVTools 4.x workbook (`.xlsx`), written with exceljs' streaming
 * writer and shared strings as RVTools' own export has them: vInfo (the VMs, with custom
 * attributes), vDisk (one or two disks per VM), vPartition (a partition per disk), vNetwork (one
 * adapter per VM) and vHost, plus a vCPU tab the reader skips.
 */
import ExcelJS from 'exceljs';
import { seededRandom } from './assessmentEstate';
import {
  APPS as ESTATE_APPS,
  HOSTS,
  OS as ESTATE_OS,
  SHAPES as ESTATE_SHAPES,
  ip,
  name,
  vinfoCells,
  vinfoHeader,
} from './rvtoolsEstate';

const VINFO_HEADER = vinfoHeader({
  CPUs: ['Overall Cpu Readiness'],
  Memory: ['Active Memory'],
});
// A smaller estate than the CSV one: the first of its operating systems, apps and shapes.
const OS = ESTATE_OS.slice(0, 4);
const APPS = ESTATE_APPS.slice(0, 5);
const SHAPES = ESTATE_SHAPES.slice(0, 5);

/** One VM: its vInfo row and its disks (MiB). */
function vm(i: number, random: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const [cpus, memGiB] = pick(SHAPES);
  const [osConfig, osTools] = pick(OS);
  const app = Math.floor(random() * APPS.length);
  const disks = [(40 + Math.floor(random() * 40) * 4) * 1024];
  if (random() < 0.5) disks.push((100 + Math.floor(random() * 20) * 50) * 1024);
  const total = disks.reduce((a, b) => a + b, 0);
  const on = random() > 0.04;
  // Drawn in the order the columns are written, so the same seed gives the same content.
  const readiness = on ? Math.round(random() * 300) / 100 : 0;
  const activeMemory = on ? Math.floor(memGiB * 1024 * random()) : 0;
  const inUseMiB = Math.floor(total * (0.3 + random() * 0.5));
  const tier = pick(['web', 'app', 'db']);
  const backupPolicy = pick(['daily-30d', 'hourly-log-35d', 'none']);
  const row = vinfoCells(
    VINFO_HEADER,
    {
      index: i,
      on,
      cpus,
      memGiB,
      disks: disks.length,
      totalDiskMiB: total,
      inUseMiB,
      app: APPS[app],
      owner: `team-${APPS[app]}`,
      tier,
      backupPolicy,
      osConfig,
      osTools,
      hwVersion: 'vmx-19',
      annotation: `Generated VM ${i}`,
      uuid: `5003${String(i).padStart(4, '0')}-7c1b-4e3a-9c8d-${String(
        i,
      ).padStart(12, '0')}`,
      no: false,
    },
    { 'Overall Cpu Readiness': readiness, 'Active Memory': activeMemory },
  );
  return { row, disks, on };
}

/** Writes a workbook of `vms` VMs to `file`. Same seed, same content. */
export async function generateRvtoolsWorkbook(options: {
  vms: number;
  file: string;
  seed?: number;
}) {
  const random = seededRandom(options.seed ?? 11);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: options.file,
    useSharedStrings: true,
    useStyles: false,
  });
  const vInfo = book.addWorksheet('vInfo');
  vInfo.addRow(VINFO_HEADER).commit();
  const disks: { vm: string; sizes: number[]; on: boolean }[] = [];
  for (let i = 0; i < options.vms; i++) {
    const v = vm(i, random);
    vInfo.addRow(v.row).commit();
    disks.push({ vm: name(i), sizes: v.disks, on: v.on });
  }
  vInfo.commit();

  const vCpu = book.addWorksheet('vCPU');
  vCpu.addRow(['VM', 'CPUs', 'Sockets', 'Cores p/s']).commit();
  for (const d of disks) vCpu.addRow([d.vm, 2, 1, 2]).commit();
  vCpu.commit();

  const vDisk = book.addWorksheet('vDisk');
  vDisk.addRow(['VM', 'Disk', 'Disk Key', 'Capacity MiB', 'Thin']).commit();
  const vPartition = [
    ['VM', 'Disk Key', 'Disk', 'Capacity MiB', 'Consumed MiB', 'Free MiB'],
  ];
  for (const d of disks) {
    d.sizes.forEach((size, k) => {
      vDisk
        .addRow([d.vm, `Hard disk ${k + 1}`, 2000 + k, size, k === 0])
        .commit();
      if (d.on) {
        const used = Math.floor(size * (0.2 + random() * 0.6));
        vPartition.push([
          d.vm,
          2000 + k,
          k === 0 ? 'C:\\' : 'D:\\',
          size,
          used,
          size - used,
        ] as never);
      }
    });
  }
  vDisk.commit();
  const partitions = book.addWorksheet('vPartition');
  for (const row of vPartition) partitions.addRow(row).commit();
  partitions.commit();

  const vNetwork = book.addWorksheet('vNetwork');
  vNetwork.addRow(['VM', 'NIC label', 'Network', 'IPv4 Address']).commit();
  disks.forEach((d, i) => {
    vNetwork
      .addRow([
        d.vm,
        'Network adapter 1',
        `VLAN${100 + (i % 40)}`,
        d.on ? ip(i) : '',
      ])
      .commit();
  });
  vNetwork.commit();

  const vHost = book.addWorksheet('vHost');
  vHost
    .addRow([
      'Host',
      'Datacenter',
      'Cluster',
      'CPU Model',
      'Speed',
      '# Cores',
      'ESX Version',
    ])
    .commit();
  for (let h = 0; h < HOSTS; h++) {
    vHost
      .addRow([
        `esx-${h}.corp.example`,
        `DC-${h % 4}`,
        `CL-${h % 20}`,
        'Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
        2494,
        40,
        'VMware ESXi 7.0.3 build-21930508',
      ])
      .commit();
  }
  vHost.commit();
  await book.commit();
}

/** `node <this file> <vms> <file>`: generates in a child process. */
if (require.main === module) {
  const [vms, file] = process.argv.slice(2);
  generateRvtoolsWorkbook({ vms: Number(vms), file }).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
