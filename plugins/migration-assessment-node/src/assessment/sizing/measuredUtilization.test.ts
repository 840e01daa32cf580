import { assessmentSchema } from '@sirsi-nexus/plugin-migration-common';
import { NOW, testContext, vm } from '../__testUtils__/fixtures';
import { assess } from '../assess';
import { renderAssessmentMarkdown } from '../render/renderAssessmentMarkdown';

const context = testContext();

/** Two identical EC2 instances (m5.2xlarge: 8 vCPU, 32 GiB); one with CloudWatch figures. */
function ec2(id: string, utilization: ReturnType<typeof vm>['utilization']) {
  return vm(id, {
    provider: 'aws',
    environmentId: 'aws-prod',
    region: 'us-east-1',
    specs: { vcpus: 8, memoryMiB: 32768, instanceType: 'm5.2xlarge' },
    utilization,
  });
}

describe('rightsizing cloud VMs on measured utilization', () => {
  const assessment = assess(
    {
      resources: [
        ec2('i-measured', {
          cpuP95: 10,
          memP95: 30,
          window: 'P14D',
          source: 'CloudWatch',
        }),
        ec2('i-cpu-only', { cpuP95: 10, window: 'P14D', source: 'CloudWatch' }),
        ec2('i-unmeasured', undefined),
      ],
      target: { provider: 'aws', region: 'us-east-1' },
      stage: 'preview',
      now: NOW,
    },
    context,
  );
  const sizing = (id: string) =>
    assessment.resources.find(r => r.id === id || r.name === id)!.sizing!;

  it('picks a smaller type for a VM measured at 10 % CPU P95 and says where the figure came from', () => {
    const measured = sizing('i-measured');
    const asIs = sizing('i-unmeasured');
    expect(measured.basis).toBe('utilization');
    expect(measured.confidence).toBe('high');
    expect(measured.inputs).toMatchObject({
      cpuP95: 10,
      memP95: 30,
      window: 'P14D',
      source: 'CloudWatch',
    });
    // 8 × 10 % × 1.3 = 1.04 vCPU, 32 GiB × 30 % × 1.3 = 12.48 GiB
    expect(measured.required).toEqual({ vcpus: 1.04, memoryGiB: 12.48 });
    expect(measured.vcpus).toBeLessThan(8);
    expect(measured.hourlyPrice).toBeLessThan(asIs.hourlyPrice);
    expect(measured.reason).toMatch(
      /^measured \(CloudWatch, 14 d P95\): CPU and memory: P95 × comfort factor/,
    );

    expect(asIs.basis).toBe('allocated');
    expect(asIs.confidence).toBe('low');
    expect(asIs.required).toEqual({ vcpus: 8, memoryGiB: 32 });
    expect(asIs.inputs.source).toBeUndefined();
    expect(asIs.reason).toMatch(/^as-is: /);
  });

  it('keeps the allocated memory where only CPU was measured (no CloudWatch agent)', () => {
    const cpuOnly = sizing('i-cpu-only');
    expect(cpuOnly.confidence).toBe('medium');
    expect(cpuOnly.required).toEqual({ vcpus: 1.04, memoryGiB: 32 });
    expect(cpuOnly.reason).toContain(
      'measured (CloudWatch, 14 d P95): CPU: P95 × comfort factor; memory as allocated',
    );
  });

  it('validates and states the evidence in the report', () => {
    expect(() => assessmentSchema.parse(assessment)).not.toThrow();
    const md = renderAssessmentMarkdown(assessment);
    expect(md).toMatch(
      /i-measured \|.*\| high, measured \(CloudWatch, 14 d P95\) \|/,
    );
    expect(md).toMatch(/i-unmeasured \|.*\| low, as-is \|/);
  });
});
