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

    /**
     * The AI advisor that adds notes (executive summary, per-wave notes, extra risks) to the
     * deterministic assessment. It only annotates: it never changes sizing, cost, waves or
     * approvals. Without this block the assessment runs on the rules alone.
     */
    ai?: {
      /** `openai` (or any OpenAI-compatible server), `anthropic`, or `none` (default). */
      provider?: 'openai' | 'anthropic' | 'none';
      /** Model name, e.g. `gpt-4o-mini`, `claude-sonnet-5-5`, or a local model such as `llama3.1`. Required unless the provider is none. */
      model?: string;
      /**
       * API key, usually from the environment: `${OPENAI_API_KEY}` or `${ANTHROPIC_API_KEY}`.
       * Optional only for an OpenAI-compatible `baseUrl` that needs none.
       * @visibility secret
       */
      apiKey?: string;
      /** Base URL of an OpenAI-compatible server (vLLM, Ollama: `http://localhost:11434/v1`) or an Anthropic proxy. */
      baseUrl?: string;
      /** Deadline of one advisor call in milliseconds, retries included. Default 30000. */
      timeoutMs?: number;
    };

    /** Tunables of the assessment (plan and specify phases, POST /analyze). See docs/assessment.md. */
    assessment?: {
      /** Headroom over the observed P95 utilization when rightsizing. Default 1.3 (as Azure Migrate). */
      comfortFactor?: number;
      /** Most resources in one wave; a larger move group gets a wave of its own. Default 50. */
      maxWaveSize?: number;
      /** Dependents in the selection that make a resource a shared service. Default 5. */
      sharedServiceMinFanIn?: number;
      /** Bandwidth available for replication in megabits per second. Default 1000. */
      bandwidthMbps?: number;
      /** Whether burstable instance types (t3, B-series, shared-core e2) may be chosen. Default false. */
      allowBurstable?: boolean;
      /** How a wave's cutover downtime is estimated. */
      cutover?: {
        /** Fixed minutes per cutover (freeze, DNS switch, smoke tests). Default 30. */
        baseMinutes?: number;
        /** Minutes per resource (stop, final sync, boot, health check). Default 5. */
        perResourceMinutes?: number;
        /** Percent of the data that changes between replication and cutover. Default 2. */
        changeRatePercent?: number;
      };
      /**
       * Current monthly cost rates of the source (for example the on-prem cost per vCPU, per GiB of
       * memory and per GiB of disk); with them the assessment shows the savings delta.
       */
      currentCost?: {
        perVcpuMonth?: number;
        perGiBMemoryMonth?: number;
        perGiBDiskMonth?: number;
      };
      /**
       * A JSON or YAML price catalog (one catalog, a list, or `{ catalogs: [...] }`, in the format
       * of the shipped `data/pricing/*.json`) replacing the shipped catalog of its provider, e.g.
       * with negotiated rates or more regions. Relative to the backend's working directory.
       */
      catalogFile?: string;
      /** The security posture the target is planned with; the generated infrastructure carries it out. */
      security?: {
        /** Encrypt disks, snapshots and buckets at rest. Default true. */
        encryptionAtRest?: boolean;
        /** Enforce TLS on endpoints. Default true. */
        encryptionInTransit?: boolean;
        /** Enable control-plane audit logging (CloudTrail, Activity Log, Cloud Audit Logs). Default true. */
        auditLogging?: boolean;
      };
    };

    /**
     * Infrastructure as code: how the `test` phase and the `migration:iac:*` scaffolder actions
     * generate, validate and apply Terraform. See docs/iac.md.
     */
    iac?: {
      /**
       * The `terraform` or `tofu` executable (a name on PATH or an absolute path). With it,
       * validation also runs `fmt -check`, `init -backend=false`, `validate` and `plan`, and
       * `migration:iac:apply` can apply; without it the report says they did not run and apply is
       * refused.
       */
      terraformCommand?: string;
      /** Timeout of one terraform/tofu command in seconds. Default 600. */
      commandTimeoutSeconds?: number;
      /**
       * Which wave folders the `test` phase plans: `independent` (default) plans the folders that
       * look up nothing from earlier waves, `all` plans every folder, `none` plans none.
       */
      plan?: 'independent' | 'all' | 'none';
      /**
       * Regions the generated infrastructure may use. When set it replaces the compliance
       * profile's residency list in the policy check.
       */
      allowedRegions?: string[];
      /**
       * CIDR blocks allowed to reach SSH (Linux) or RDP (Windows) on the generated machines. None
       * by default: administer through a bastion or a session manager.
       */
      adminSources?: string[];
      /**
       * Tags (labels on GCP) for every generated resource on top of `owner`, `migration-id` and
       * `wave`, e.g. `data-classification`, which the GDPR and HIPAA profiles ask for.
       */
      defaultTags?: { [key: string]: string };
    };
    /** The transfer phase's data mover (see docs/execution.md). */
    transfer?: {
      /**
       * Where rehearsals (and runs without target storage) put the data they move, one folder per
       * migration. Default `.data/transfer-staging`.
       */
      stagingDir?: string;
      /** Directories `file://` sources may be read from; anything else is refused. */
      allowedSourceRoots?: string[];
      /**
       * CIDR ranges `http(s)://` sources may resolve to. Link-local and metadata addresses are
       * refused whatever this says.
       */
      allowedSourceRanges?: string[];
      /** Extra sources by resource name or entity ref (besides the `transfer-source` tag). */
      sources?: Array<{
        /** Resource name or entity ref, e.g. `resource:default/dc1-vm-42`. */
        resource: string;
        /**
         * `file://` or `http(s)://` URLs, or file paths relative to the backend's working directory;
         * credentials in URLs are sent as basic auth, never logged.
         */
        urls: string[];
      }>;
      /** Chunk size in MiB (default 8; S3 targets use at least 5). */
      chunkSizeMiB?: number;
      /** Chunks in flight (default 4). */
      concurrency?: number;
      /** Bandwidth limit in megabits per second for data sent and read back; unlimited when unset. */
      bandwidthLimitMbps?: number;
      /** Attempts per chunk before the transfer fails (default 3). */
      maxChunkAttempts?: number;
      /** Read every chunk back from the target and compare its SHA-256 (default true). */
      verify?: boolean;
      /** fsync file targets before each checkpoint, surviving machine crashes too (default false). */
      durable?: boolean;
      /** Target storage of real (non-rehearsal) AWS migrations. */
      s3?: {
        bucket: string;
        /** Key prefix; objects go to `<prefix>/<migration id>/<resource>/<file>`. Default `migrations`. */
        prefix?: string;
        /** Region of the bucket (default: the migration's target region). */
        region?: string;
        /** Custom endpoint (S3-compatible storage). */
        endpoint?: string;
        forcePathStyle?: boolean;
      };
    };
    /** Post-migration checks of the validate phase. */
    validation?: {
      /**
       * CIDR ranges (or single addresses) probes may reach besides the addresses of the migration's
       * targets. Link-local and cloud metadata addresses are always refused.
       */
      allowedRanges?: string[];
      /** Timeout of one probe in milliseconds (default 3000). */
      timeoutMs?: number;
      /** TCP connects per endpoint for latency percentiles (default 10). */
      latencySamples?: number;
      /** p95 regression against the pre-cutover baseline that fails the check (default 20 %). */
      latencyRegressionPercent?: number;
      /** A p95 increase of at most this many milliseconds is jitter, never a regression (default 5). */
      latencyToleranceMs?: number;
      /** Certificates expiring within this many days warn (default 30). */
      certificateWarningDays?: number;
      /** Extra trusted CA certificates (PEM) for private PKIs. */
      caCertificates?: string[];
      /** Fail the validate task of a real migration when a check fails (default true). */
      failOnError?: boolean;
    };
    /** Terraform runs of the build phase. */
    build?: {
      /**
       * Where wave workspaces (configuration, saved plan, local state) live. Keep it on a volume
       * every backend replica shares and that survives restarts: rollback destroys from this state.
       * Default `.data/terraform`.
       */
      workDir?: string;
      /** Timeout of one terraform command in minutes (default 60). */
      timeoutMinutes?: number;
    };
  };
}
