export interface Config {
  migration?: {
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
      /**
       * The commitment the totals are read at when the request chooses none: `none` (on-demand),
       * `1y` or `3y` (priced as `commitmentType` says). Default `none`. A request's
       * `options.commitmentTerm` replaces it.
       */
      commitmentTerm?: 'none' | '1y' | '3y';
      /**
       * The prices of the 1- and 3-year columns when the request chooses none: `reservation`
       * (AWS Standard Reserved Instances, Azure Reserved VM Instances, GCP committed use) or
       * `savings-plan` (AWS Compute Savings Plans, Azure savings plan for compute; Google Cloud has
       * none for instances and keeps its committed use prices, saying so). Default `reservation`.
       * A request's `options.commitmentType` replaces it.
       */
      commitmentType?: 'reservation' | 'savings-plan';
      /**
       * Windows licenses are brought (Azure Hybrid Benefit, AWS License Mobility / BYOL, GCP BYOL),
       * so no license cost is priced. Default false. A request's `options.hybridBenefit` replaces it.
       */
      hybridBenefit?: boolean;
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
       * The business case (`business-case.json`, specify phase): on-prem against cloud over one,
       * three and five years. The on-prem side comes from `currentCost` (or a server's own
       * `on-prem-monthly-cost` tag) plus the overheads below.
       */
      businessCase?: {
        /**
         * The cloud price of the cash flow: `onDemand`, `commit1y` or `commit3y`. Default: the
         * assessment's commitment term (the request's option, else `commitmentTerm`).
         */
        commitment?: 'onDemand' | 'commit1y' | 'commit3y';
        /** Facility overhead (power, cooling, space, hardware support) on top of `currentCost`, in percent. Default 0. */
        facilityOverheadPercent?: number;
        /** Licences per on-prem server and month (hypervisor, backup, monitoring). Default 0. */
        licensePerServerMonth?: number;
        /** A running server with a CPU P95 below this percentage is a retire candidate. Default 5. */
        idleCpuP95Percent?: number;
        /**
         * One-off migration cost per server (VM or database) by strategy. Defaults: rehost 1000,
         * relocate 500, replatform 3000, repurchase 2000, refactor 10000, retire 200, retain 0.
         */
        oneOffPerServer?: {
          rehost?: number;
          relocate?: number;
          replatform?: number;
          repurchase?: number;
          refactor?: number;
          retire?: number;
          retain?: number;
        };
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
  };
}
