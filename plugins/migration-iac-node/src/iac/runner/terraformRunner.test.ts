import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threeTierModel } from '../__testUtils__/models';
import { writeFakeTerraform } from '../__testUtils__/fakeTerraform';
import { writeBundleFiles } from '../bundle/workspace';
import { generateTerraform } from '../generator/generateTerraform';
import { validateTerraform } from '../validate/validateTerraform';
import {
  createTerraformRunner,
  redact,
  type TerraformOutputLine,
} from './terraformRunner';
import { instanceTypes } from '../__testUtils__/instanceTypes';

describe('TerraformRunner', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  let fake: ReturnType<typeof writeFakeTerraform>;
  beforeEach(() => {
    fake = writeFakeTerraform();
    process.env.BACKSTAGE_SECRET_SHOULD_NOT_LEAK = 'leaky';
  });
  afterEach(() => {
    delete process.env.BACKSTAGE_SECRET_SHOULD_NOT_LEAK;
  });

  it('streams redacted output line by line and passes only chosen environment', async () => {
    const lines: TerraformOutputLine[] = [];
    const runner = createTerraformRunner({
      command: fake.command,
      env: { AWS_SECRET_ACCESS_KEY: secret, FAKE_TF_EXIT_VALIDATE: '1' },
      onOutput: line => lines.push(line),
    });
    const cwd = mkdtempSync(join(tmpdir(), 'tf-cwd-'));
    const result = await runner.validate(cwd);
    expect(result).toMatchObject({
      exitCode: 1,
      args: ['validate', '-no-color'],
    });
    expect(lines).toEqual([
      {
        stream: 'stdout',
        text: expect.stringMatching(/^Terraform fake: validate in tf-cwd-/),
      },
      { stream: 'stdout', text: 'credentials seen: AWS_SECRET_ACCESS_KEY=***' },
      { stream: 'stdout', text: 'inherited: none' },
      { stream: 'stderr', text: 'warning on stderr' },
    ]);
    expect(result.outputTail).toContain(
      'credentials seen: AWS_SECRET_ACCESS_KEY=***',
    );
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(readFileSync(fake.log, 'utf8')).toBe(`${cwd}|validate -no-color\n`);
  });

  it('passes the documented arguments for each step', async () => {
    const runner = createTerraformRunner({ command: fake.command });
    const cwd = mkdtempSync(join(tmpdir(), 'tf-cwd-'));
    await runner.fmtCheck(cwd);
    await runner.init(cwd);
    await runner.plan(cwd, { out: 'tfplan' });
    await runner.apply(cwd, 'tfplan');
    await runner.destroy(cwd);
    expect(
      readFileSync(fake.log, 'utf8')
        .trim()
        .split('\n')
        .map(l => l.split('|')[1]),
    ).toEqual([
      'fmt -check -diff -no-color',
      'init -backend=false -input=false -no-color',
      'plan -input=false -no-color -lock=false -detailed-exitcode -out=tfplan',
      'apply -input=false -no-color -auto-approve tfplan',
      'destroy -input=false -no-color -auto-approve',
    ]);
  });

  it('stops the command when aborted', async () => {
    const controller = new AbortController();
    const runner = createTerraformRunner({
      command: fake.command,
      env: { FAKE_TF_SLEEP: '30' },
      signal: controller.signal,
      killGraceMs: 500,
    });
    const started = Date.now();
    const pending = runner.plan(mkdtempSync(join(tmpdir(), 'tf-cwd-')));
    setTimeout(() => controller.abort(), 200);
    const result = await pending;
    expect(result.aborted).toBe('signal');
    expect(result.exitCode).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects when the command does not exist', async () => {
    const runner = createTerraformRunner({
      command: join(fake.dir, 'no-such-tofu'),
    });
    await expect(runner.init(fake.dir)).rejects.toThrow(
      /Could not run .*no-such-tofu: ENOENT/,
    );
  });

  it('redacts every occurrence of every secret', () => {
    expect(redact('a=s3cr3t b=s3cr3t c=abc', ['s3cr3t', 'abc'])).toBe(
      'a=*** b=*** c=abc',
    );
  });
});

describe('validateTerraform with a terraform command', () => {
  it('runs fmt, init, validate in every wave and plan only where nothing is looked up', async () => {
    const fake = writeFakeTerraform();
    const bundle = generateTerraform(threeTierModel('aws'));
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    await writeBundleFiles(dir, '.', bundle.files);
    const report = await validateTerraform(bundle.files, {
      instanceTypes,
      bundle,
      model: threeTierModel('aws'),
      terraform: {
        runner: createTerraformRunner({ command: fake.command }),
        command: 'terraform',
        directory: dir,
      },
    });
    expect(report.terraform.ran).toBe(true);
    expect(
      report.terraform.steps.map(s => [s.folder, s.step, s.status]),
    ).toEqual([
      ['wave-01', 'fmt', 'pass'],
      ['wave-01', 'init', 'pass'],
      ['wave-01', 'validate', 'pass'],
      ['wave-01', 'plan', 'pass'],
      ['wave-02', 'fmt', 'pass'],
      ['wave-02', 'init', 'pass'],
      ['wave-02', 'validate', 'pass'],
      ['wave-02', 'plan', 'skipped'],
    ]);
    expect(report.terraform.steps[7].message).toContain(
      'looks up resources of wave 1',
    );
    expect(report.checks.find(c => c.id === 'terraform')?.status).toBe('pass');
    const calls = readFileSync(fake.log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe(`${join(dir, 'wave-01')}|fmt -check -diff -no-color`);
  });

  it('fails the report and skips the rest of a folder when a step fails', async () => {
    const fake = writeFakeTerraform();
    const bundle = generateTerraform(threeTierModel('aws'));
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    await writeBundleFiles(dir, '.', bundle.files);
    const report = await validateTerraform(bundle.files, {
      instanceTypes,
      terraform: {
        runner: createTerraformRunner({
          command: fake.command,
          env: { FAKE_TF_EXIT_INIT: '1' },
        }),
        command: 'tofu',
        directory: dir,
      },
    });
    expect(report.status).toBe('fail');
    expect(
      report.terraform.steps
        .filter(s => s.folder === 'wave-01')
        .map(s => s.status),
    ).toEqual(['pass', 'fail', 'skipped', 'skipped']);
    expect(
      report.checks.find(c => c.id === 'terraform')?.findings[0].message,
    ).toBe('tofu init failed in wave-01 (exit 1)');
  });
});
