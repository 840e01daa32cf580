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
      };
    }>;
  };
}
