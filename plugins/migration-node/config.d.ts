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
        /** Upper bound of one delay, also of a server's Retry-After, in milliseconds. Default 30000. */
        maxDelayMs?: number;
      };
      /** For `provider: inventory`: an on-prem estate from exported files. */
      inventory?: {
        /**
         * The files: RVTools vInfo/vDisk/vNetwork CSV, Azure Migrate server import and dependency
         * export CSV, or SirsiNexus inventory documents (JSON, YAML, JSON Lines). A string is a
         * path (relative to the backend's working directory) or an http(s) URL read through the
         * UrlReaderService (`backend.reading.allow` applies). The format is detected from the
         * header or the file name unless given.
         */
        files: Array<
          | string
          | {
              path?: string;
              url?: string;
              /**
               * One of rvtools-vinfo, rvtools-vdisk, rvtools-vnetwork, azure-migrate-servers,
               * azure-migrate-dependencies, inventory-document, inventory-lines.
               */
              format?: string;
            }
        >;
        /** Region (or datacenter) label of resources that do not name one. */
        region?: string;
      };
      /** For `provider: aws`: EC2 of one account. */
      aws?: {
        /** The regions to discover, e.g. [eu-central-1, us-east-1]. */
        regions?: string[];
        /** A single region (added to `regions`). */
        region?: string;
        /**
         * The account whose credentials to use from `aws.accounts`; without it the main account
         * (`aws.mainAccount`) or the default credential chain is used.
         */
        accountId?: string;
        /** Custom EC2 endpoint, e.g. LocalStack. */
        endpoint?: string;
      };
      /** For `provider: azure`: one subscription. */
      azure?: {
        subscriptionId: string;
        /** Tenant of the app registration; with clientId and clientSecret, or none of the three. */
        tenantId?: string;
        clientId?: string;
        /**
         * Client secret of the app registration. Without tenantId, clientId and clientSecret the
         * default credential chain is used (managed identity, Azure CLI, AZURE_* variables).
         * @visibility secret
         */
        clientSecret?: string;
        /** Entra ID authority for sovereign clouds, e.g. https://login.microsoftonline.us. */
        authorityHost?: string;
        /** Azure Resource Manager endpoint for sovereign clouds. */
        endpoint?: string;
      };
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
      };
    }>;
  };
}
