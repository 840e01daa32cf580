export interface Config {
  migration?: {
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
  };
}
