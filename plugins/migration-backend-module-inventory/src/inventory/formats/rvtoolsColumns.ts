import { normalizeHeader, type ColumnSpec } from '../csv/columns';

/**
 * Columns of the RVTools `vInfo` sheet saved as CSV. RVTools 4.x writes sizes in MiB (`Provisioned
 * MiB`), 3.x in MB (`Provisioned MB`); both mean 2^20 bytes.
 */
export const VINFO_COLUMNS = {
  vm: { label: 'VM', names: ['VM', 'VM Name'], required: true },
  powerState: { label: 'Powerstate', names: ['Powerstate', 'Power State'] },
  template: { label: 'Template', names: ['Template'] },
  cpus: { label: 'CPUs', names: ['CPUs', 'Num CPU', 'vCPUs'], required: true },
  memory: {
    label: 'Memory',
    names: ['Memory', 'Memory MiB', 'Memory MB'],
    required: true,
  },
  disks: { label: 'Disks', names: ['Disks'] },
  totalDiskMiB: {
    label: 'Total disk capacity MiB',
    names: ['Total disk capacity MiB', 'Total disk capacity MB'],
  },
  provisionedMiB: {
    label: 'Provisioned MiB',
    names: ['Provisioned MiB', 'Provisioned MB'],
  },
  inUseMiB: { label: 'In Use MiB', names: ['In Use MiB', 'In Use MB'] },
  primaryIp: {
    label: 'Primary IP Address',
    names: ['Primary IP Address', 'IP Address'],
  },
  dnsName: { label: 'DNS Name', names: ['DNS Name'] },
  osConfig: {
    label: 'OS according to the configuration file',
    names: ['OS according to the configuration file', 'OS'],
  },
  osTools: {
    label: 'OS according to the VMware Tools',
    names: ['OS according to the VMware Tools'],
  },
  datacenter: { label: 'Datacenter', names: ['Datacenter'] },
  cluster: { label: 'Cluster', names: ['Cluster'] },
  host: { label: 'Host', names: ['Host'] },
  folder: { label: 'Folder', names: ['Folder'] },
  vmUuid: { label: 'VM UUID', names: ['VM UUID', 'UUID'] },
  vmId: { label: 'VM ID', names: ['VM ID'] },
  cpuReadiness: {
    label: 'Overall Cpu Readiness',
    names: ['Overall Cpu Readiness'],
  },
  activeMemoryMiB: { label: 'Active Memory', names: ['Active Memory'] },
  annotation: { label: 'Annotation', names: ['Annotation'] },
  cpuP95: {
    label: 'CPU P95 %',
    names: ['CPU P95 %', 'CPU P95', 'CPU utilization percentage'],
  },
  memP95: {
    label: 'Memory P95 %',
    names: ['Memory P95 %', 'Memory P95', 'Memory utilization percentage'],
  },
  iopsP95: { label: 'IOPS P95', names: ['IOPS P95', 'Disk IOPS P95'] },
  networkMbpsP95: {
    label: 'Network Mbps P95',
    names: ['Network Mbps P95', 'Network P95 Mbps'],
  },
  perfWindow: {
    label: 'Perf window',
    names: ['Perf window', 'Performance window'],
  },
} satisfies Record<string, ColumnSpec>;

/** Columns of the RVTools `vDisk` sheet. */
export const VDISK_COLUMNS = {
  vm: { label: 'VM', names: ['VM'], required: true },
  disk: { label: 'Disk', names: ['Disk', 'Label'] },
  capacityMiB: {
    label: 'Capacity MiB',
    names: ['Capacity MiB', 'Capacity MB'],
    required: true,
  },
  thin: { label: 'Thin', names: ['Thin'] },
  diskMode: { label: 'Disk Mode', names: ['Disk Mode'] },
  diskKey: { label: 'Disk Key', names: ['Disk Key'] },
} satisfies Record<string, ColumnSpec>;

/**
 * Columns of the RVTools `vPartition` sheet: the guest's partitions (as VMware Tools reports them),
 * `Disk Key` naming the virtual disk (4.x) that vDisk lists under the same key.
 */
export const VPARTITION_COLUMNS = {
  vm: { label: 'VM', names: ['VM'], required: true },
  partition: { label: 'Disk', names: ['Disk'] },
  diskKey: { label: 'Disk Key', names: ['Disk Key'] },
  capacityMiB: {
    label: 'Capacity MiB',
    names: ['Capacity MiB', 'Capacity MB'],
    required: true,
  },
  consumedMiB: {
    label: 'Consumed MiB',
    names: ['Consumed MiB', 'Consumed MB'],
    required: true,
  },
} satisfies Record<string, ColumnSpec>;

/** Columns of the RVTools `vHost` sheet (ESXi hosts) read for the VMs running on them. */
export const VHOST_COLUMNS = {
  host: { label: 'Host', names: ['Host'], required: true },
  cpuModel: { label: 'CPU Model', names: ['CPU Model'] },
  speedMhz: { label: 'Speed', names: ['Speed'] },
  cores: { label: '# Cores', names: ['# Cores'] },
  esxVersion: { label: 'ESX Version', names: ['ESX Version'] },
} satisfies Record<string, ColumnSpec>;

/** Columns of the RVTools `vNetwork` sheet. */
export const VNETWORK_COLUMNS = {
  vm: { label: 'VM', names: ['VM'], required: true },
  network: {
    label: 'Network',
    names: ['Network', 'Portgroup'],
    required: true,
  },
  ipv4: { label: 'IPv4 Address', names: ['IPv4 Address', 'IP Address'] },
  mac: { label: 'Mac Address', names: ['Mac Address'] },
} satisfies Record<string, ColumnSpec>;

/**
 * Standard vInfo columns that are neither read nor custom attributes (RVTools 3.x and 4.x names);
 * anything else is taken as a vCenter custom attribute, which RVTools writes as a column of its
 * own between `Annotation` and `Datacenter`, and becomes a tag.
 */
export const VINFO_STANDARD = new Set(
  [
    'Video Ram KB',
    'Internal Sort Column',
    'Select',
    'VMRef',
    'Config status',
    'Connection state',
    'Guest state',
    'Heartbeat',
    'Consolidation Needed',
    'PowerOn',
    'Suspended To Memory',
    'Suspend time',
    'Suspend Interval',
    'Creation date',
    'Change Version',
    'NICs',
    'Total disk capacity MiB',
    'Fixed Passthru HotPlug',
    'min Required EVC Mode Key',
    'Latency Sensitivity',
    'Op Notification Timeout',
    'EnableUUID',
    'CBT',
    'Network #1',
    'Network #2',
    'Network #3',
    'Network #4',
    'Network #5',
    'Network #6',
    'Network #7',
    'Network #8',
    'Num Monitors',
    'Video Ram KiB',
    'Resource pool',
    'Folder ID',
    'vApp',
    'DAS protection',
    'FT State',
    'FT Role',
    'FT Latency',
    'FT Bandwidth',
    'FT Sec. Latency',
    'Vm Failover In Progress',
    'Provisioned MiB',
    'In Use MiB',
    'Unshared MiB',
    'HA Restart Priority',
    'HA Isolation Response',
    'HA VM Monitoring',
    'Cluster rule(s)',
    'Cluster rule name(s)',
    'Boot Required',
    'Boot delay',
    'Boot retry delay',
    'Boot retry enabled',
    'Boot BIOS setup',
    'Reboot PowerOff',
    'EFI Secure boot',
    'Firmware',
    'HW version',
    'HW upgrade status',
    'HW upgrade policy',
    'HW target',
    'Path',
    'Log directory',
    'Snapshot directory',
    'Suspend directory',
    'Customization Info',
    'Guest Detailed Data',
    'SMBIOS UUID',
    'VI SDK Server type',
    'VI SDK API Version',
    'VI SDK Server',
    'VI SDK UUID',
    'SRM Placeholder',
    'Suspend Time',
    'Total disk capacity MB',
    'Provisioned MB',
    'In Use MB',
    'Unshared MB',
  ].map(normalizeHeader),
);
