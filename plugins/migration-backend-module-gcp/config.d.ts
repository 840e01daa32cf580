export interface Config {
  migration?: {
    /** The `gcp` block of environments with `provider: gcp`. */
    environments?: Array<{
      /** For `provider: gcp`: one project. */
      gcp?: {
        projectId: string;
        /**
         * A service account key (the JSON file's content). Without it or keyFilename,
         * Application Default Credentials are used.
         * @visibility secret
         */
        credentials?: string;
        /** Path of a service account key file. */
        keyFilename?: string;
        /** Custom Compute Engine endpoint. */
        apiEndpoint?: string;
        /**
         * Migrate to Virtual Machines for migrations whose target is this environment (its
         * credentials are used); takes precedence over `migration.replication.gcp`.
         */
        replication?: {
          /** The project Migrate to Virtual Machines runs in. Default: `projectId`. */
          project?: string;
          /** The source's location, e.g. `europe-west1`. Default: the migration's target region. */
          location?: string;
          /** The id of the registered source (vCenter, AWS or Azure). */
          source: string;
          /** Custom Migrate to Virtual Machines endpoint. */
          endpoint?: string;
          /** Custom Compute Engine endpoint (test and cutover instances). */
          computeEndpoint?: string;
          /** Between polls of an operation a start call waits for, in ms. Default 2000. */
          pollIntervalMs?: number;
          retry?: {
            maxAttempts?: number;
            baseDelayMs?: number;
            maxDelayMs?: number;
          };
        };
      };
    }>;
    replication?: {
      /**
       * The replication lag (seconds) at most before a test or cutover; an `ACTIVE` migrating VM
       * whose last sync is older is `lagging`.
       */
      maxLagSeconds?: number;
      /**
       * Migrate to Virtual Machines for migrations to Google Cloud whose target environment has
       * no `gcp.replication` block. Credentials: the target environment's, else the ones here,
       * else Application Default Credentials.
       */
      gcp?: {
        /** The project Migrate to Virtual Machines runs in. Default: the target environment's. */
        project?: string;
        /** The source's location. Default: the migration's target region. */
        location?: string;
        /** The id of the registered source (vCenter, AWS or Azure). */
        source: string;
        /**
         * A service account key (the JSON file's content).
         * @visibility secret
         */
        credentials?: string;
        keyFilename?: string;
        endpoint?: string;
        computeEndpoint?: string;
        pollIntervalMs?: number;
        retry?: {
          maxAttempts?: number;
          baseDelayMs?: number;
          maxDelayMs?: number;
        };
      };
    };
    /** The scheduled price refresh (see the migration backend's `migration.prices`). */
    prices?: {
      /** Credentials for the Cloud Billing Catalog API; Application Default Credentials without them. */
      gcp?: {
        /**
         * A service account key (the JSON file's content).
         * @visibility secret
         */
        credentials?: string;
        keyFilename?: string;
        /** Default `https://cloudbilling.googleapis.com`. */
        endpoint?: string;
      };
    };
    dns?: {
      /** How throttled DNS calls are retried. */
      retry?: {
        maxAttempts?: number;
        baseDelayMs?: number;
        maxDelayMs?: number;
      };
      /** The DNS zones cutover steps may change, by name. */
      zones?: Array<{
        /** The name DNS cutover steps use for the zone. */
        name: string;
        /** Which cloud's DNS holds it: `aws`, `azure` or `gcp`. */
        provider: string;
        /** For `provider: gcp`: a Cloud DNS managed zone. */
        gcp?: {
          project: string;
          /** The managed zone's name in Cloud DNS (not its DNS name). */
          managedZone: string;
          /**
           * A service account key; default: the migration's target environment's credentials,
           * else Application Default Credentials.
           * @visibility secret
           */
          credentials?: string;
          keyFilename?: string;
          /** Custom Cloud DNS endpoint. */
          apiEndpoint?: string;
        };
      }>;
    };
    transfer?: {
      /** Target storage of real (non-rehearsal) Google Cloud migrations. */
      gcs?: {
        bucket: string;
        /** Object prefix; objects go to `<prefix>/<migration id>/…`. Default `migrations`. */
        prefix?: string;
        /** Project of the bucket (for requester-pays and quotas). */
        projectId?: string;
        /**
         * A service account key; without it or keyFilename, Application Default Credentials.
         * @visibility secret
         */
        credentials?: string;
        keyFilename?: string;
        /** Custom Cloud Storage endpoint. */
        apiEndpoint?: string;
        retry?: {
          maxAttempts?: number;
          baseDelayMs?: number;
          maxDelayMs?: number;
        };
      };
    };
  };
}
