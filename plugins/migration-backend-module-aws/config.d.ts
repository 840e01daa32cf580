export interface Config {
  migration?: {
    /** The `aws` block of environments with `provider: aws`. */
    environments?: Array<{
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
    }>;
    /** Server replication in the transfer phase. */
    replication?: {
      /**
       * A server whose replica lags further behind than this many seconds is not ready for its
       * test or cutover; MGN servers that replicate continuously with a larger lag are `lagging`.
       */
      maxLagSeconds?: number;
      /** AWS Application Migration Service. */
      aws?: {
        /**
         * Use MGN for AWS targets that name no target environment, with the main account
         * (`aws.mainAccount`) or the default credential chain. Default false: only migrations to
         * a configured AWS target environment replicate servers through MGN.
         */
        enabled?: boolean;
      };
    };
    /** DNS zones the cutover may change. */
    dns?: {
      zones?: Array<{
        /** The zone's domain, e.g. `example.com`. */
        name: string;
        /** The DNS service that holds the zone: `aws` for Route 53. */
        provider: string;
        /** For `provider: aws`: the Route 53 hosted zone. */
        aws?: {
          /** The hosted zone id, e.g. `Z1D633PJN98FT9`. */
          hostedZoneId: string;
          /**
           * The account whose credentials change the zone (from `aws.accounts`); default: the
           * migration target's account.
           */
          accountId?: string;
        };
      }>;
    };
    transfer?: {
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
  };
}
