import { spawn } from 'node:child_process';
import { readLines, stopOnAbortOrTimeout, terraformEnv } from './childProcess';

/**
 * One line of output of the terraform/tofu command, secrets already redacted.
 *
 * @public
 */
export interface TerraformOutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * How to run the configured `terraform` or `tofu` command.
 *
 * @public
 */
export interface TerraformRunnerOptions {
  /** Executable name or path from `migration.iac.terraformCommand`, e.g. `tofu`. */
  command: string;
  /** Extra environment, e.g. cloud credentials passed as template secrets. */
  env?: Record<string, string>;
  /** Values to redact from every output line (env values are always redacted). */
  secrets?: string[];
  /** Receives every output line as it arrives. */
  onOutput?: (line: TerraformOutputLine) => void;
  /** Aborts the running command (SIGTERM, then SIGKILL after `killGraceMs`). */
  signal?: AbortSignal;
  /** Per-command timeout; default 10 minutes. */
  timeoutMs?: number;
  killGraceMs?: number;
  /** Lines of output kept in the result; default 40. */
  tailLines?: number;
}

/**
 * The outcome of one command.
 *
 * @public
 */
export interface TerraformRunResult {
  args: string[];
  exitCode: number;
  durationMs: number;
  /** The last lines of output, redacted. */
  outputTail: string[];
  /** Set when the command was stopped by the signal or the timeout. */
  aborted?: 'signal' | 'timeout';
}

const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of the secrets in `text` with `***`, longest first. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Runs `terraform`/`tofu` without a shell, streaming redacted output line by line. Credentials
 * are taken from the options' `env` (plus the usual cloud SDK variables of this process), never
 * from files in the workspace.
 *
 * @public
 */
export class TerraformRunner {
  private readonly secrets: string[];

  constructor(private readonly options: TerraformRunnerOptions) {
    this.secrets = [
      ...Object.values(options.env ?? {}),
      ...(options.secrets ?? []),
    ]
      .filter(s => s.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length);
  }

  /** Redacts this runner's secrets from a text. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /** Runs the command with `args` in `cwd`. Resolves with the exit code; never rejects on a non-zero exit. */
  run(cwd: string, args: string[]): Promise<TerraformRunResult> {
    const { command, signal } = this.options;
    const started = Date.now();
    const env = terraformEnv(this.options.env);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        resolve({
          args,
          exitCode: -1,
          durationMs: 0,
          outputTail: [],
          aborted: 'signal',
        });
        return;
      }
      // Own process group, so stopping it also stops provider plugins and anything else it started.
      const child = spawn(command, args, {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const stopper = stopOnAbortOrTimeout(child, {
        signal,
        timeoutMs: this.options.timeoutMs ?? 10 * 60_000,
        killGraceMs: this.options.killGraceMs ?? 10_000,
      });
      const output = readLines(
        child,
        this.options.tailLines ?? 40,
        raw => this.redact(raw),
        this.options.onOutput,
      );
      child.on('error', error => {
        stopper.cleanup();
        reject(
          Object.assign(
            new Error(
              `Could not run ${command}: ${
                (error as NodeJS.ErrnoException).code ?? error.message
              }`,
            ),
            { cause: error },
          ),
        );
      });
      child.on('close', async (code, killedBy) => {
        await output.done;
        stopper.cleanup();
        resolve({
          args,
          exitCode: code ?? (killedBy ? 128 : -1),
          durationMs: Date.now() - started,
          outputTail: [...output.tail],
          ...(stopper.aborted ? { aborted: stopper.aborted } : {}),
        });
      });
    });
  }

  /** `fmt -check -diff -no-color`: exit 3 when files need formatting. */
  fmtCheck(cwd: string) {
    return this.run(cwd, ['fmt', '-check', '-diff', '-no-color']);
  }

  /** `init -backend=false -input=false -no-color`. */
  init(cwd: string) {
    return this.run(cwd, [
      'init',
      '-backend=false',
      '-input=false',
      '-no-color',
    ]);
  }

  /** `validate -no-color`. */
  validate(cwd: string) {
    return this.run(cwd, ['validate', '-no-color']);
  }

  /**
   * `plan -input=false -no-color -lock=false -detailed-exitcode [-out=file]`; exit 0 means no
   * changes, 2 means changes, 1 an error.
   */
  plan(cwd: string, options: { out?: string } = {}) {
    return this.run(cwd, [
      'plan',
      '-input=false',
      '-no-color',
      '-lock=false',
      '-detailed-exitcode',
      ...(options.out ? [`-out=${options.out}`] : []),
    ]);
  }

  /** `apply -input=false -no-color -auto-approve <planFile>`: applies exactly a saved plan. */
  apply(cwd: string, planFile: string) {
    return this.run(cwd, [
      'apply',
      '-input=false',
      '-no-color',
      '-auto-approve',
      planFile,
    ]);
  }

  /** `destroy -input=false -no-color -auto-approve`. */
  destroy(cwd: string) {
    return this.run(cwd, [
      'destroy',
      '-input=false',
      '-no-color',
      '-auto-approve',
    ]);
  }
}

/**
 * Creates a {@link TerraformRunner}.
 *
 * @public
 */
export function createTerraformRunner(
  options: TerraformRunnerOptions,
): TerraformRunner {
  return new TerraformRunner(options);
}
