export interface Config {
  catalog?: {
    providers?: {
      /** Cloud and inventory discovery of SirsiNexus Migrate. */
      cloudDiscovery?: {};
    };
  };
}
