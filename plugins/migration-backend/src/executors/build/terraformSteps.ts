import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import {
  TerraformRunner,
  writeBundleFiles,
  type BundleFile,
  type TerraformRunResult,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { BuildWaveResult } from '@sirsi-nexus/plugin-migration-common';

/** Cloud credentials of this process that Terraform's providers read from the environment. */
function cloudEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value && /^(AWS_|ARM_|AZURE_|GOOGLE_|CLOUDSDK_|GCLOUD_)/.test(key))
      env[key] = value;
  }
  return env;
}

/** One event of Terraform's machine-readable (`-json`) output. */
export interface TerraformEvent {
  type: string;
  '@level'?: string;
  '@message'?: string;
  hook?: { resource?: { addr: string }; action?: string };
  change?: { resource?: { addr: string }; action?: string };
  diagnostic?: {
    severity: string;
    summary: string;
    detail?: string;
    address?: string;
  };
  changes?: { add: number; change: number; remove: number; operation: string };
}

/** A failed terraform command, carrying the failing resources and Terraform's own messages. */
export class TerraformError extends Error {
  readonly name = 'TerraformError';
  constructor(
    step: string,
    result: TerraformRunResult & { events?: TerraformEvent[] },
  ) {
    const diagnostics = (result.events ?? [])
      .filter(
        e => e.type === 'diagnostic' && e.diagnostic?.severity === 'error',
      )
      .map(e => {
        const d = e.diagnostic!;
        return `${d.address ? `${d.address}: ` : ''}${d.summary}${
          d.detail ? ` — ${d.detail}` : ''
        }`;
      });
    const errored = (result.events ?? [])
      .filter(e => e.type === 'apply_errored')
      .map(e => e.hook?.resource?.addr)
      .filter(Boolean);
    let why = result.outputTail.slice(-5).join(' ');
    if (result.aborted) why = `stopped (${result.aborted})`;
    if (diagnostics.length) why = diagnostics.join('; ');
    super(
      `terraform ${step} failed (exit ${result.exitCode})${
        errored.length ? ` at ${errored.join(', ')}` : ''
      }: ${why}`,
    );
  }
}

/** Runs terraform/tofu commands in one wave's workspace. */
export class TerraformWorkspace {
  constructor(
    readonly dir: string,
    private readonly options: {
      command: string;
      timeoutMs: number;
      signal?: AbortSignal;
    },
  ) {}

  /**
   * Writes the wave's files into `workRoot/<migrationId>/<wave>` (paths vetted by the bundle
   * writer). The `.terraform` folder, saved plans and local state of earlier runs stay.
   */
  static async prepare(options: {
    workRoot: string;
    migrationId: string;
    wave: string;
    files: BundleFile[];
    command: string;
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<TerraformWorkspace> {
    await fs.mkdir(options.workRoot, { recursive: true });
    const dir = await writeBundleFiles(
      options.workRoot,
      `${options.migrationId}/${options.wave}`,
      options.files,
    );
    return new TerraformWorkspace(dir, options);
  }

  /** Runs a command; `-json` output lines are parsed and handed to `onEvent`. */
  async run(
    args: string[],
    onEvent?: (event: TerraformEvent) => void,
  ): Promise<
    TerraformRunResult & { events: TerraformEvent[]; stdout: string[] }
  > {
    const events: TerraformEvent[] = [];
    const stdout: string[] = [];
    const runner = new TerraformRunner({
      command: this.options.command,
      env: cloudEnvironment(),
      signal: this.options.signal,
      timeoutMs: this.options.timeoutMs,
      tailLines: 60,
      onOutput: line => {
        if (line.stream !== 'stdout') return;
        stdout.push(line.text);
        if (!line.text.startsWith('{')) return;
        try {
          const event = JSON.parse(line.text) as TerraformEvent;
          events.push(event);
          onEvent?.(event);
        } catch {
          // Not JSON: a plain output line.
        }
      },
    });
    const result = await runner.run(this.dir, args);
    return { ...result, events, stdout };
  }

  init() {
    return this.run(['init', '-input=false', '-no-color']);
  }

  plan(planFile: string, onEvent?: (event: TerraformEvent) => void) {
    return this.run(
      ['plan', '-input=false', '-no-color', '-json', `-out=${planFile}`],
      onEvent,
    );
  }

  apply(planFile: string, onEvent?: (event: TerraformEvent) => void) {
    return this.run(
      [
        'apply',
        '-input=false',
        '-no-color',
        '-json',
        '-auto-approve',
        planFile,
      ],
      onEvent,
    );
  }

  destroy(onEvent?: (event: TerraformEvent) => void) {
    return this.run(
      ['destroy', '-input=false', '-no-color', '-json', '-auto-approve'],
      onEvent,
    );
  }

  async showJson(planFile?: string): Promise<Record<string, any>> {
    const result = await this.run([
      'show',
      '-json',
      '-no-color',
      ...(planFile ? [planFile] : []),
    ]);
    if (result.exitCode !== 0) throw new TerraformError('show', result);
    return JSON.parse(result.stdout.join('\n'));
  }

  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.run(['output', '-json', '-no-color']);
    if (result.exitCode !== 0) throw new TerraformError('output', result);
    const raw = JSON.parse(result.stdout.join('\n') || '{}') as Record<
      string,
      { sensitive: boolean; value: unknown }
    >;
    return Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [
        k,
        v.sensitive ? '(sensitive)' : v.value,
      ]),
    );
  }

  async sha256(file: string): Promise<string | undefined> {
    try {
      return createHash('sha256')
        .update(await fs.readFile(`${this.dir}/${file}`))
        .digest('hex');
    } catch {
      return undefined;
    }
  }
}

// Matched in this order (a security group rule names its VPC, a firewall is a compute resource).
const LAYERS: Array<[RegExp, string]> = [
  [
    /(security_group|firewall|network_security|ingress|egress|iam_|_role|_policy|kms|key_vault)/,
    'security',
  ],
  [/(cloudwatch|monitor|alarm|alert|backup|log_)/, 'monitoring'],
  [
    /(vpc|vnet|virtual_network|subnet|network|route|gateway|nat|address|dns)/,
    'network',
  ],
  [/(volume|disk|bucket|storage|snapshot|ebs)/, 'storage'],
  [
    /(instance|virtual_machine|compute|launch|autoscaling|scale_set)/,
    'compute',
  ],
];

/** Which layer (network → security → storage → compute → monitoring) a resource type belongs to. */
export function layerOf(address: string): string {
  const type = address.split('.').slice(-2)[0] ?? address;
  return LAYERS.find(([re]) => re.test(type))?.[1] ?? 'other';
}

const ORDER = [
  'network',
  'security',
  'storage',
  'compute',
  'monitoring',
  'other',
];

/** Sorts resources into dependency layers, then by address. */
export function byLayer<T extends { address: string }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) =>
      ORDER.indexOf(layerOf(a.address)) - ORDER.indexOf(layerOf(b.address)) ||
      a.address.localeCompare(b.address),
  );
}

const ACTIONS: Record<string, BuildWaveResult['resources'][number]['action']> =
  {
    create: 'create',
    update: 'update',
    delete: 'delete',
    replace: 'replace',
    read: 'read',
    noop: 'no-op',
    'no-op': 'no-op',
  };

/** Resource changes of a plan from its `planned_change` events. */
export function plannedChanges(
  events: TerraformEvent[],
): BuildWaveResult['resources'] {
  return byLayer(
    events
      .filter(e => e.type === 'planned_change' && e.change?.resource?.addr)
      .map(e => ({
        address: e.change!.resource!.addr,
        action: ACTIONS[e.change!.action ?? 'create'] ?? 'create',
        status: 'pending' as const,
      })),
  );
}

/**
 * A plan (`terraform show -json`) reduced to what the validation needs, with values Terraform
 * marks sensitive replaced, and without variables (which may carry credentials).
 */
export function redactPlan(plan: Record<string, any>): Record<string, any> {
  const mask = (values: any, sensitive: any): any => {
    if (sensitive === true) return '(sensitive)';
    if (Array.isArray(values))
      return values.map((v, i) =>
        mask(v, Array.isArray(sensitive) ? sensitive[i] : undefined),
      );
    if (values && typeof values === 'object') {
      return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          mask(
            v,
            sensitive && typeof sensitive === 'object'
              ? sensitive[k]
              : undefined,
          ),
        ]),
      );
    }
    return values;
  };
  const module = (m: any): any =>
    m && {
      address: m.address,
      resources: (m.resources ?? []).map((r: any) => ({
        address: r.address,
        mode: r.mode,
        type: r.type,
        name: r.name,
        values: mask(r.values ?? {}, r.sensitive_values ?? {}),
      })),
      child_modules: (m.child_modules ?? []).map(module),
    };
  return {
    format_version: plan.format_version,
    terraform_version: plan.terraform_version,
    planned_values: plan.planned_values && {
      root_module: module(plan.planned_values.root_module),
    },
    values: plan.values && { root_module: module(plan.values.root_module) },
    resource_changes: (plan.resource_changes ?? []).map((c: any) => ({
      address: c.address,
      type: c.type,
      name: c.name,
      actions: c.change?.actions,
    })),
  };
}
