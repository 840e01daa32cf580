/**
 * Outcome of one check of the generated infrastructure as code.
 *
 * @public
 */
export type IacCheckStatus = 'pass' | 'warn' | 'fail';

/**
 * One problem a check found, located in the bundle.
 *
 * @public
 */
export interface IacFinding {
  status: 'warn' | 'fail';
  message: string;
  /** Path inside the bundle, e.g. `wave-01/security.tf`. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** Terraform address, e.g. `aws_vpc_security_group_ingress_rule.sg_web_in_2`. */
  address?: string;
  remediation?: string;
}

/**
 * A check over the whole bundle: HCL syntax, agreement with the model, references, and the
 * policy rules (encryption at rest, no admin/database ports open to the internet, required
 * tags, region residency, instance types that exist).
 *
 * @public
 */
export interface IacCheckResult {
  /** Stable id, e.g. `parse`, `model`, `references`, `policy.encryption-at-rest`. */
  id: string;
  title: string;
  status: IacCheckStatus;
  /** How many items (files, blocks, resources, rules) the check looked at. */
  checked: number;
  findings: IacFinding[];
  /** Why the check did not run (its status is then `pass` and it checked nothing). */
  skipped?: string;
}

/**
 * One run of the configured `terraform`/`tofu` command in a wave folder.
 *
 * @public
 */
export interface IacTerraformStep {
  folder: string;
  step: 'fmt' | 'init' | 'validate' | 'plan';
  status: 'pass' | 'fail' | 'skipped';
  exitCode?: number;
  durationMs?: number;
  /** Why the step was skipped or what failed. */
  message?: string;
  /** Last lines of output, secrets redacted. */
  outputTail?: string[];
}

/**
 * The `iac-report.json` artifact: what was generated and how it was validated.
 *
 * @public
 */
export interface IacReport {
  /** Version of the report format. */
  version: 1;
  generatedAt: string;
  migrationId?: string;
  target?: { provider: string; region: string };
  status: IacCheckStatus;
  summary: {
    files: number;
    waves: number;
    resources: number;
    imports: number;
    pass: number;
    warn: number;
    fail: number;
  };
  files: Array<{ path: string; sha256: string; bytes: number }>;
  waves: Array<{
    number: number;
    folder: string;
    dependsOnWaves: number[];
    resourceCount: number;
    importCount: number;
  }>;
  checks: IacCheckResult[];
  terraform: {
    /** The configured command, or undefined when `migration.iac.terraformCommand` is not set. */
    command?: string;
    ran: boolean;
    /** Why the command did not run, e.g. not configured. */
    reason?: string;
    steps: IacTerraformStep[];
  };
  /** Simplifications the generator made, e.g. Azure's one security group per interface. */
  warnings: string[];
}
/**
 * What the policy check needs to know about instance types.
 *
 * @public
 */
export interface InstanceTypeCatalog {
  /**
   * `exists`: the type is in the catalog for the provider; `regions`: regions it is priced in
   * (empty when the catalog does not say).
   */
  lookup(
    provider: string,
    type: string,
  ): { exists: boolean; regions: string[] };
  /** Where the catalog comes from, for the report. */
  describe(provider: string): string;
}
