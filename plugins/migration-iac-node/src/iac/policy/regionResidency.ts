import type {
  IacCheckResult,
  IacFinding,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedBlock, ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { locate, resolver, result } from './policyContext';
import { judgeRegion } from './rules';

/** An attribute that places resources in a region. */
interface Placement {
  block: ParsedBlock;
  attribute: string;
  provider: TargetProvider;
  value: unknown;
}

/**
 * Where a module deploys: the AWS and Google providers' regions, Azure resource groups and
 * resources with a literal location, and Google resources with a region (subnetworks follow
 * their network).
 */
function placements(module: ParsedModule): Placement[] {
  const places: Placement[] = [];
  for (const block of module.blocks) {
    if (
      block.kind === 'provider' &&
      (block.name === 'aws' || block.name === 'google')
    ) {
      places.push({
        block,
        attribute: 'region',
        provider: block.name === 'aws' ? 'aws' : 'gcp',
        value: block.body.region,
      });
    }
    if (block.kind !== 'resource') continue;
    if (block.type === 'azurerm_resource_group') {
      places.push(azurePlacement(block));
    }
    if (
      block.type?.startsWith('azurerm_') &&
      typeof block.body.location === 'string' &&
      !block.body.location.includes('${')
    ) {
      places.push(azurePlacement(block));
    }
    if (
      block.type?.startsWith('google_') &&
      block.body.region !== undefined &&
      block.type !== 'google_compute_subnetwork'
    ) {
      places.push({
        block,
        attribute: 'region',
        provider: 'gcp',
        value: block.body.region,
      });
    }
  }
  return places;
}

function azurePlacement(block: ParsedBlock): Placement {
  return {
    block,
    attribute: 'location',
    provider: 'azure',
    value: block.body.location,
  };
}

/** Every region the module deploys to is allowed by the compliance profile. */
export function regionResidency(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const module of modules) {
    const resolve = resolver(module);
    for (const place of placements(module)) {
      checked++;
      const where = locate(module, place.block, place.attribute);
      if (place.value === undefined) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${place.block.address} sets no ${place.attribute}; the region comes from the environment`,
          remediation: `Set ${place.attribute} explicitly`,
        });
        continue;
      }
      const resolved = resolve(place.value);
      if (resolved.dynamic || typeof resolved.value !== 'string') {
        findings.push({
          status: 'warn',
          ...where,
          message: `${place.block.address} computes its ${place.attribute}; residency cannot be checked before plan`,
          remediation: `Give the ${place.attribute} a literal value or a variable default`,
        });
        continue;
      }
      const region = resolved.value.toLowerCase().replace(/\s+/g, '');
      const verdict = judgeRegion(
        options.complianceProfile,
        place.provider,
        region,
        options.allowedRegions,
      );
      // One finding per wave folder and region, however many resources sit there.
      const key = `${module.folder}\u0000${region}`;
      if (verdict.status !== 'pass' && !seen.has(key)) {
        seen.add(key);
        findings.push({
          status: verdict.status,
          ...where,
          message: `${module.folder} deploys to ${region}: ${verdict.message}`,
          remediation:
            verdict.remediation ??
            'Choose a target region the compliance profile allows',
        });
      }
    }
  }
  return result(
    'policy.region-residency',
    'Region residency',
    checked,
    findings,
  );
}
