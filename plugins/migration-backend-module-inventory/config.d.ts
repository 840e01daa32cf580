export interface Config {
  migration?: {
    /** The `inventory` block of environments with `provider: inventory`. */
    environments?: Array<{
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
               * One of rvtools-vinfo, rvtools-vdisk, rvtools-vnetwork, rvtools-vpartition,
               * rvtools-vhost, azure-migrate-servers, azure-migrate-dependencies,
               * inventory-document, inventory-lines. RVTools workbooks (.xlsx) need none: they are
               * told by their name or their first bytes.
               */
              format?: string;
            }
        >;
        /** Region (or datacenter) label of resources that do not name one. */
        region?: string;
      };
    }>;
  };
}
