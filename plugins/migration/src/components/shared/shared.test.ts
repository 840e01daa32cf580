import { ResponseError } from '@backstage/errors';
import { applicableControls } from '../MigrationDetailPage/MigrationControls';
import { previewKind } from '../artifacts/artifactKinds';
import { findChecks, normalizeOutcome } from '../artifacts/normalize';
import { niceStep } from '../artifacts/assessment/BarChart';
import { makeMigration } from '../../__testUtils__/fixtures';
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
  it('chooses the view by name first, then media type', () => {
    const kind = (name: string, mediaType = 'application/octet-stream') =>
      previewKind({ name, mediaType });
    expect(kind('assessment.json', 'application/json')).toBe('assessment');
    expect(kind('iac-bundle.zip')).toBe('iac-bundle');
    expect(kind('iac-report.json')).toBe('iac-report');
    expect(kind('transfer.json', 'application/json')).toBe('transfer');
    expect(kind('dns-cutover.json', 'application/json')).toBe('json');
    expect(kind('report.md', 'text/markdown')).toBe('markdown');
    expect(kind('apply.log', 'text/plain')).toBe('text');
    expect(kind('disk.vmdk')).toBe('none');
  });
});

describe('check normalisation', () => {
  it('maps the words producers use to pass, warn and fail', () => {
    expect(
      ['passed', 'ok', 'warning', 'failed', 'error', 'running', 'pending'].map(
        normalizeOutcome,
      ),
    ).toEqual(['pass', 'pass', 'warn', 'fail', 'fail', 'running', 'pending']);
  });

  it('reads checks from a report or a bare list', () => {
    expect(
      findChecks({ checks: [{ name: 'x', status: 'passed' }] })[0],
    ).toMatchObject({
      title: 'x',
      outcome: 'pass',
    });
    expect(
      findChecks([{ id: 'y', status: 'failed', line: '7', file: 'a.tf' }])[0],
    ).toMatchObject({
      title: 'y',
      outcome: 'fail',
      file: 'a.tf',
      line: 7,
    });
    expect(findChecks('nonsense')).toEqual([]);
  });
});

describe('niceStep', () => {
  it('picks round axis steps', () => {
    expect(niceStep(1520)).toBe(500);
    expect(niceStep(90)).toBe(50);
    expect(niceStep(0)).toBe(1);
  });
});
