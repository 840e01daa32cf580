import { hcl, type HclBlock, type HclValue } from '../hcl/document';
import type { IacInstance } from '../model';
import type { CloudWaveBlocks, WaveWriting } from './waveWriter';

/** True when the target cloud's migration service, not Terraform, launches the machine. */
export function isLaunchedByService(instance: IacInstance): boolean {
  return instance.launchedBy === 'migration-service';
}

/**
 * `output "launch_settings"`: where the migration service launches each machine of the wave
 * that it moves, keyed by the machine's name (the transfer phase looks servers up by name, in
 * any case). Nothing when Terraform creates all of the wave's machines. Of two machines whose
 * names differ only in case, the second gets no entry and a warning.
 */
export function launchSettingsOutput(
  w: WaveWriting,
  cloud: CloudWaveBlocks,
): HclBlock[] {
  if (w.launchedByService.length === 0) return [];
  const entries: Array<[string, HclValue]> = [];
  const seen = new Set<string>();
  for (const instance of w.launchedByService) {
    const name = instance.name.toLowerCase();
    if (seen.has(name)) {
      w.warnings.push(
        `Wave ${w.wave}: two machines the migration service launches are named "${instance.name}"; launch_settings names only the first ("${instance.key}" launches with the service's defaults)`,
      );
      continue;
    }
    seen.add(name);
    entries.push([instance.name, cloud.launchSettings(instance)]);
  }
  return [
    hcl.block(
      'output',
      ['launch_settings'],
      [
        hcl.attr(
          'description',
          hcl.str(
            'Where the migration service launches each machine of this wave, by machine name',
          ),
        ),
        hcl.attr('value', hcl.object(entries)),
      ],
    ),
  ];
}
