/*
 * The build phase: what was planned and applied per wave of the IaC bundle (`build.json`).
 */

/**
 * What the build phase did with one wave of the IaC bundle.
 *
 * @public
 */
export interface BuildWaveResult {
  wave: string;
  /** `applied`: changes made; `planned`: plan only (rehearsal or before approval); `recorded`: no Terraform configured. */
  mode: 'applied' | 'planned' | 'recorded';
  /** Resource addresses Terraform plans to create/update/delete, or created. */
  resources: Array<{
    address: string;
    action: 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';
    status: 'pending' | 'done' | 'failed';
    message?: string;
  }>;
  /** SHA-256 of the saved plan file that was (or would be) applied. */
  planSha256?: string;
  outputs?: Record<string, unknown>;
  durationMs?: number;
}

/**
 * The `build.json` artifact.
 *
 * @public
 */
export interface BuildReport {
  rehearsal: boolean;
  terraformCommand?: string;
  waves: BuildWaveResult[];
  /** Plain statements of what happened or would happen. */
  statements: string[];
}
