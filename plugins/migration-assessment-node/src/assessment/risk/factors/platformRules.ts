import type { AssessmentDiskMapping } from '@sirsi-nexus/plugin-migration-common';
import type { RiskRule } from '../riskFactor';
import { factor, sharedFactor } from '../riskFactor';

function hasOversizedDisk(disks: readonly AssessmentDiskMapping[]) {
  for (let k = 0; k < disks.length; k++) {
    if (disks[k].sizeGiB > disks[k].maxSizeGiB) return true;
  }
  return false;
}

/** A disk is larger than the target's largest disk. */
export const diskOverTargetLimit: RiskRule = facts => {
  if (!hasOversizedDisk(facts.disks)) return undefined;
  const oversized = facts.disks.filter(d => d.sizeGiB > d.maxSizeGiB);
  return factor(
    'disk-over-target-limit',
    'Disk larger than the target allows',
    `${oversized
      .map(
        d =>
          `${d.name ?? 'disk'} ${d.sizeGiB} GiB > ${d.maxSizeGiB} GiB (${
            d.storageClassName
          })`,
      )
      .join('; ')}.`,
    'Split the volume across several disks (LVM, Storage Spaces), or move the data to file or object storage before the cutover.',
  );
};

const NO_UTILIZATION = sharedFactor(
  'missing-utilization',
  'No utilization data',
  'No CPU or memory P95 was reported, so sizing uses the allocated size (low confidence).',
  'Collect at least a week of performance data (Azure Migrate appliance, vCenter statistics, CloudWatch) and re-run the assessment.',
);

/** A running VM reports neither CPU nor memory P95. */
export const missingUtilization: RiskRule = facts => {
  const r = facts.resource;
  if (r.kind !== 'vm' || facts.poweredOff) return undefined;
  const u = r.utilization;
  if (u && (u.cpuP95 !== undefined || u.memP95 !== undefined)) {
    return undefined;
  }
  return NO_UTILIZATION;
};

/** It looks like SQL Server, whose licence the compute estimate leaves out. */
export const sqlServerLicensing: RiskRule = facts => {
  if (facts.database?.engine !== 'sqlserver') return undefined;
  return sharedFactor(
    'licensing-sql-server',
    'SQL Server licensing',
    `Looks like SQL Server (${facts.database.reason}); its licence is not included in the compute estimate.`,
    'Check Software Assurance / License Mobility or Azure Hybrid Benefit, or price a licence-included managed database.',
  );
};

const WINDOWS_LICENSING = sharedFactor(
  'licensing-windows',
  'Windows Server licensing',
  'The estimate includes licence-included Windows pricing on the target.',
  'Bring your own licences where allowed (Azure Hybrid Benefit, dedicated hosts) to cut the licence share of the cost.',
);

/** It runs Windows, priced licence-included. */
export const windowsLicensing: RiskRule = facts =>
  facts.resource.specs.os?.family === 'windows' ? WINDOWS_LICENSING : undefined;
