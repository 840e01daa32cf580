export interface Config {
  /** Configuration of the SirsiNexus Migrate plugins. */
  migration?: {};
}
