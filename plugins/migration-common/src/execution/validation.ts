/*
 * The validate phase: post-migration checks (`validation.json`) and the performance baseline.
 */

/**
 * Categories of post-migration checks.
 *
 * @public
 */
export type ValidationCategory =
  | 'data'
  | 'network'
  | 'performance'
  | 'security';

/**
 * Status of a validation check.
 *
 * @public
 */
export type ValidationStatus =
  | 'pending'
  | 'running'
  | 'passed'
  | 'failed'
  | 'warning';

/**
 * One post-migration check, as the blueprint's `ValidationCheck`.
 *
 * @public
 */
export interface ValidationCheck {
  id: string;
  category: ValidationCategory;
  name: string;
  status: ValidationStatus;
  message: string;
  /** What was checked (host:port, URL, object name...). */
  target?: string;
  metrics: Record<string, number | string | boolean>;
  /** What to do when the check does not pass. */
  remediation?: string;
  startedAt?: string;
  completedAt?: string;
}

/**
 * The `validation.json` artifact and the response of `POST /migrations/{id}/validate`.
 *
 * @public
 */
export interface ValidationReport {
  ranAt: string;
  /** `failed` when any check failed, `warning` when any warned, `passed` otherwise. */
  status: 'passed' | 'warning' | 'failed';
  summary: Record<ValidationStatus, number>;
  checks: ValidationCheck[];
}

/**
 * Latencies measured before cutover, against which performance checks compare.
 *
 * @public
 */
export interface PerformanceBaseline {
  capturedAt: string;
  endpoints: Array<{
    /** Logical name shared by the source and the target endpoint (resource name). */
    name: string;
    target: string;
    p50Ms: number;
    p95Ms: number;
    samples: number;
  }>;
}
