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
