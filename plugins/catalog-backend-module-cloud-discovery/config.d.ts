import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Cloud and inventory discovery of SirsiNexus Migrate: every environment in
       * `migration.environments` becomes `Resource` entities on this schedule.
       */
      cloudDiscovery?: {
        /**
         * How often each environment is discovered (one replica at a time). Default: every 30
         * minutes with a 10 minute timeout, first run shortly after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Only these environment ids; all configured environments by default. */
        environments?: string[];
      };
    };
  };
}
