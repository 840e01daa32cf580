/*
 * The optimize phase: recommendations and the carbon estimate (`optimization.json`).
 */

/**
 * An optimisation recommendation, as the blueprint's `Optimization`.
 *
 * @public
 */
export interface Optimization {
  id: string;
  category: 'cost' | 'performance' | 'sustainability';
  type:
    | 'rightsizing'
    | 'commitment'
    | 'spot'
    | 'schedule'
    | 'storage-tiering'
    | 'carbon';
  impact: 'high' | 'medium' | 'low';
  title: string;
  recommendation: string;
  /** Resource name the recommendation is about, when it is about one. */
  resource?: string;
  metrics: Record<string, number | string>;
  /** Estimated saving per month in `currency`, when prices are known. */
  estimatedMonthlySavings?: number;
  currency?: string;
  /** Whether the platform could carry it out automatically (a Terraform change, a schedule). */
  automationCapable: boolean;
  source: 'rules' | 'advisor';
}

/**
 * Coefficients of the Cloud Carbon Footprint method used for an estimate, with their sources.
 *
 * @public
 */
export interface CarbonCoefficients {
  provider: string;
  region: string;
  minWattsPerVcpu: number;
  maxWattsPerVcpu: number;
  pue: number;
  /** Metric tons CO2e per kWh of the region's grid. */
  gridTonsCo2ePerKwh: number;
  /** kWh per GB-hour of memory. */
  memoryKwhPerGbHour: number;
  /** Watt-hours per TB-hour of SSD / HDD storage. */
  ssdWhPerTbHour: number;
  hddWhPerTbHour: number;
  /** Whether the region's grid intensity fell back to the provider average. */
  regionFallback: boolean;
  sources: string[];
}

/**
 * Monthly energy and emissions estimate of the migrated resources.
 *
 * @public
 */
export interface CarbonEstimate {
  hoursPerMonth: number;
  kwhPerMonth: number;
  kgCo2ePerMonth: number;
  perResource: Array<{
    resource: string;
    vcpus: number;
    /** CPU utilisation 0–1 used for the estimate. */
    utilization: number;
    utilizationSource: 'measured' | 'default';
    memoryGb: number;
    storageTb: number;
    kwhPerMonth: number;
    kgCo2ePerMonth: number;
  }>;
  coefficients: CarbonCoefficients;
  formula: string;
}

/**
 * The `optimization.json` artifact and the response of `POST /migrations/{id}/optimize`.
 *
 * @public
 */
export interface OptimizationReport {
  generatedAt: string;
  recommendations: Optimization[];
  carbon?: CarbonEstimate;
  totalEstimatedMonthlySavings: number;
  currency: string;
  /** Narrative from the advisor, when one is configured. */
  narrative?: string;
  /** What could not be evaluated and why (e.g. no post-migration utilization yet). */
  notes?: string[];
}
