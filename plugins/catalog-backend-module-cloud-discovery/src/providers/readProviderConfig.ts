import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** `catalog.providers.cloudDiscovery`, with defaults. */
export interface CloudDiscoveryProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Environment ids to discover; undefined for all. */
  environments?: string[];
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

export function readProviderConfig(
  config: Config,
): CloudDiscoveryProviderConfig {
  const block = config.getOptionalConfig('catalog.providers.cloudDiscovery');
  const schedule = block?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        block.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  return {
    schedule,
    environments: block?.getOptionalStringArray('environments'),
  };
}
