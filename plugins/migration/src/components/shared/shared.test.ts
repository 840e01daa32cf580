import { ResponseError } from '@backstage/errors';
import { applicableControls } from '../MigrationDetailPage/MigrationControls';
import { checksDefinition, previewKind } from '../artifacts/artifactViews';
import { environmentCheckRows, validationCheckRows } from '../artifacts/checks';
import { niceStep } from '../artifacts/assessment/BarChart';
import { makeMigration } from '../../__testUtils__/fixtures';
import { sampleValidation } from '../../__testUtils__/artifactFixtures';
import {
  describeTarget,
  errorMessage,
  formatBytes,
  formatMoney,
  formatPercent,
  humanize,
  isActive,
} from './format';
import { segmentFills } from './PhaseProgressBar';

describe('format helpers', () => {
  it('humanizes statuses and actions', () => {
    expect(humanize('awaiting_approval')).toBe('Awaiting approval');
    expect(humanize('move-first')).toBe('Move first');
  });

  it('formats percentages, bytes and money', () => {
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatPercent(3)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('0%');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatMoney(1234.5)).toBe('$1,235');
    expect(formatMoney(1234.5, 'USD', { exact: true })).toBe('$1,234.50');
    expect(formatMoney(12.5, 'EUR')).toBe('€12.50');
  });

  it('describes the target and whether a migration is still active', () => {
    expect(describeTarget(makeMigration())).toBe('AWS eu-west-1');
    expect(
      describeTarget(
        makeMigration({
          target: {
            provider: 'gcp',
            region: 'europe-west4',
            environmentId: 'gcp-prod',
          },
        }),
      ),
    ).toBe('GCP europe-west4 (gcp-prod)');
    expect(isActive(makeMigration({ status: 'paused' }))).toBe(true);
    expect(isActive(makeMigration({ status: 'rolled_back' }))).toBe(false);
  });

  it("uses the backend's message of a ResponseError", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'already approved' },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);

    expect(error.message).not.toContain('already approved');
    expect(errorMessage(error)).toBe('already approved');
    expect(errorMessage(new Error('plain'))).toBe('plain');
    expect(errorMessage('text')).toBe('text');
  });
});

describe('segmentFills', () => {
  it('spreads overall progress over the nine phases', () => {
    expect(segmentFills(0.5)).toEqual([1, 1, 1, 1, 0.5, 0, 0, 0, 0]);
    expect(segmentFills(0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('uses per-phase states when known, counting skipped phases as done', () => {
    const fills = segmentFills(0, [
      { phase: 'environment', status: 'succeeded', progress: 0.2, tasks: [] },
      { phase: 'plan', status: 'skipped', progress: 0, tasks: [] },
      { phase: 'specify', status: 'running', progress: 0.25, tasks: [] },
    ]);
    expect(fills).toEqual([1, 1, 0.25, 0, 0, 0, 0, 0, 0]);
  });
});

describe('applicableControls', () => {
  it('offers only the transitions the engine allows', () => {
    expect(applicableControls('running')).toEqual(['pause', 'cancel']);
    expect(applicableControls('paused')).toEqual(['resume', 'cancel']);
    expect(applicableControls('awaiting_approval')).toEqual(['cancel']);
    expect(applicableControls('completed')).toEqual(['rollback']);
    expect(applicableControls('rolling_back')).toEqual([]);
    expect(applicableControls('rolled_back')).toEqual([]);
  });
});

describe('previewKind', () => {
  const kind = (name: string, mediaType = 'application/octet-stream') =>
    previewKind({ name, mediaType });

  it('chooses the view of an artifact of the phase contract by its name', () => {
    expect(kind('assessment.json')).toBe('assessment');
    expect(kind('iac-bundle.zip')).toBe('iac-bundle');
    expect(kind('iac-report.json')).toBe('iac-report');
    expect(kind('readiness-checks.json')).toBe('checks');
    expect(kind('validation.json')).toBe('validation');
    expect(kind('optimization.json')).toBe('optimization');
    expect(kind('support.json')).toBe('support');
    expect(kind('transfer.json')).toBe('transfer');
  });

  it("uses the contract's media type for its artifacts without a view", () => {
    expect(kind('dns-cutover.json')).toBe('json');
    expect(kind('report.md')).toBe('markdown');
    expect(kind('prometheus-rules.yaml')).toBe('text');
    expect(kind('support-terraform.zip')).toBe('iac-bundle');
  });

  it("shows an environment's checks as checks, anything else by its type", () => {
    expect(kind('environment-dc1.json', 'application/json')).toBe('checks');
    expect(kind('environment-.json', 'application/json')).toBe('json');
    expect(kind('terraform-plan-1.json', 'application/json')).toBe('json');
    expect(kind('apply.log', 'text/plain')).toBe('text');
    expect(kind('notes', 'text/markdown; charset=utf-8')).toBe('markdown');
    expect(kind('disk.vmdk')).toBe('none');
  });

  it("reads an environment's checks with the readiness checks' schema under its own name", () => {
    const definition = checksDefinition('environment-dc1.json');
    expect(definition).toMatchObject({
      name: 'environment-dc1.json',
      title: 'Environment checks',
    });
    expect(checksDefinition('readiness-checks.json').title).toBe(
      'Readiness checks',
    );
  });
});

describe('check rows', () => {
  it('maps validation statuses to outcomes and keeps where a check probed', () => {
    const rows = validationCheckRows(sampleValidation);
    expect(rows.map(r => [r.title, r.outcome, r.category])).toEqual([
      ['Checksums match', 'pass', 'data'],
      ['TLS on web-01', 'fail', 'network'],
    ]);
    expect(rows[1]).toMatchObject({
      target: '10.0.1.5:443',
      remediation: 'Renew the certificate',
      metrics: { daysLeft: -3 },
    });
  });

  it('reads readiness and environment checks as they are', () => {
    expect(
      environmentCheckRows({
        checkedAt: '2025-03-01T10:00:00.000Z',
        checks: [
          {
            id: 'owners',
            title: 'Every entity has an owner',
            status: 'warn',
            message: 'db-01 has none',
            remediation: 'Set spec.owner',
          },
        ],
      }),
    ).toEqual([
      {
        id: 'owners',
        title: 'Every entity has an owner',
        outcome: 'warn',
        message: 'db-01 has none',
        remediation: 'Set spec.owner',
      },
    ]);
  });
});

describe('niceStep', () => {
  it('picks round axis steps', () => {
    expect(niceStep(1520)).toBe(500);
    expect(niceStep(90)).toBe(50);
    expect(niceStep(0)).toBe(1);
  });
});
