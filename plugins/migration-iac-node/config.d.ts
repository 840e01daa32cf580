export interface Config {
  migration?: {
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
