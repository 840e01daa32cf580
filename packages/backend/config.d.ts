export interface Config {
  permission?: {
    /** The portal's permission policy (packages/backend/src/modules/permissionModuleMigrationPolicy.ts). */
    migrationPolicy?: {
      /**
       * Groups whose members may decide approval gates (`migration.approve`) and run discovery on
       * demand (`migration.admin`). Default: `[group:default/platform-engineering]`.
       */
      platformGroups?: string[];
    };
  };
}
