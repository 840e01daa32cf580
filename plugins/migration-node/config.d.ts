export interface Config {
  migration?: {
    /**
     * The source and target environments SirsiNexus Migrate discovers and migrates between. The
     * catalog module turns each environment's resources into `Resource` entities; the migration
     * backend validates them and uses them as migration sources and targets.
     */
    environments?: Array<{
      /**
       * Unique id: 1-31 lower-case letters, digits and dashes. It prefixes the names of the
       * environment's catalog entities, so keep it stable.
       */
      id: string;
      /** Which provider reads the environment: `inventory`, `aws`, `azure` or `gcp`. */
      provider: string;
      /** Display name. */
      title?: string;
      /**
       * Owner entity ref of resources that have no `owner` tag, e.g.
       * `group:default/platform-engineering`.
       */
      owner?: string;
      /** How throttled and transient cloud API calls are retried (exponential backoff with jitter). */
      retry?: {
        /** Attempts in total, the first included. Default 6. */
        maxAttempts?: number;
        /** Delay before the first retry in milliseconds, doubled per attempt. Default 500. */
        baseDelayMs?: number;
        /**
         * Upper bound of one backoff delay in milliseconds. Default 30000. A server's Retry-After
         * above it is never cut short: the call fails at once instead (Azure saying how long it
         * asked for, Google with its rate-limit error).
         */
        maxDelayMs?: number;
      };
      /**
       * Measured utilization of cloud VMs (`aws`, `azure`, `gcp`): CPU and memory P95 over a
       * window from CloudWatch, Azure Monitor or Cloud Monitoring, which rightsizing uses instead
       * of the allocated size. Inventory files carry their own figures.
       */
      utilization?: {
        /** Default true; false skips the monitoring calls (VMs are then sized as-is). */
        enabled?: boolean;
        /** The window the P95 is taken over, in whole days from 1 to 60. Default 14. */
        windowDays?: number;
      };
    }>;
  };
}
