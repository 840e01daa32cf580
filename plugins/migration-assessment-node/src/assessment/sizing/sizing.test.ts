import { vm, testContext } from '../__testUtils__/fixtures';
import { costResource, summarizeCosts } from '../cost/costResource';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../settings';
import { mapDisks } from './mapDisks';
import { InstancePicker, architectureOf, rightsize } from './rightsize';

const { catalogs } = testContext();
const aws = catalogs.forRegion('aws', 'us-east-1');
const azure = catalogs.forRegion('azure', 'eastus');
const gcp = catalogs.forRegion('gcp', 'us-central1');
const settings = DEFAULT_ASSESSMENT_SETTINGS;

function size(
  resource: ReturnType<typeof vm>,
  opts = { allowBurstable: false },
) {
  return rightsize(
    resource,
    new InstancePicker(aws, opts.allowBurstable),
    aws,
    settings,
  )!;
}

describe('rightsize', () => {
  it('sizes on P95 × comfort factor and picks the cheapest type that fits, across families', () => {
    const s = size(
      vm('app-1', {
        specs: { vcpus: 4, memoryMiB: 16384 },
        utilization: { cpuP95: 30, memP95: 40, samples: 720 },
      }),
    );
    expect(s.basis).toBe('utilization');
    expect(s.confidence).toBe('high');
    expect(s.required).toEqual({ vcpus: 1.56, memoryGiB: 8.32 });
    // m5.large has only 8 GiB; r5.large (2 vCPU, 16 GiB, 0.126) beats m5.xlarge (0.192).
    expect(s.instanceType).toBe('r5.large');
    expect(s.hourlyPrice).toBe(0.126);
    expect(s.fits).toBe(true);
    expect(s.reason).toBe(
      'measured (P95): CPU and memory: P95 × comfort factor (floors 1 vCPU / 0.5 GiB) → r5.large is the cheapest x86_64 type that fits',
    );
    expect(s.inputs).toMatchObject({
      vcpus: 4,
      memoryGiB: 16,
      cpuP95: 30,
      memP95: 40,
      comfortFactor: 1.3,
    });
  });

  it('keeps the allocated size with low confidence when there is no utilization', () => {
    const s = size(vm('app-2', { utilization: undefined }));
    expect(s.basis).toBe('allocated');
    expect(s.confidence).toBe('low');
    expect(s.required).toEqual({ vcpus: 2, memoryGiB: 8 });
    expect(s.instanceType).toBe('m5.large');
  });

  it('applies the 1 vCPU / 0.5 GiB floor and skips burstable types unless allowed', () => {
    const idle = vm('tiny', {
      specs: { vcpus: 1, memoryMiB: 1024 },
      utilization: { cpuP95: 1, memP95: 5 },
    });
    const s = size(idle);
    expect(s.required).toEqual({ vcpus: 1, memoryGiB: 0.5 });
    expect(s.instanceType).toBe('c5.large');
    expect(size(idle, { allowBurstable: true }).instanceType).toBe('t3.micro');
  });

  it('rates confidence by the evidence', () => {
    expect(
      size(vm('a', { utilization: { cpuP95: 50, memP95: 50 } })).confidence,
    ).toBe('medium');
    expect(
      size(vm('b', { utilization: { cpuP95: 50, memP95: 50, window: 'P14D' } }))
        .confidence,
    ).toBe('high');
    const cpuOnly = size(vm('c', { utilization: { cpuP95: 50 } }));
    expect(cpuOnly.confidence).toBe('medium');
    expect(cpuOnly.required.memoryGiB).toBe(8);
  });

  it('adds the Windows license per vCPU and ranks types by the price including it', () => {
    const s = size(
      vm('win', {
        specs: {
          vcpus: 2,
          memoryMiB: 4096,
          os: { family: 'windows', name: 'Windows Server 2019' },
        },
        utilization: undefined,
      }),
    );
    expect(s.instanceType).toBe('c5.large');
    expect(s.hourlyLicensePrice).toBe(0.092);
  });

  it('stays on Arm for Graviton sources and reports no fit honestly', () => {
    const arm = vm('arm', {
      specs: { instanceType: 'm6g.xlarge' },
      utilization: undefined,
    });
    expect(architectureOf(arm)).toBe('arm64');
    expect(size(arm).instanceType).toBe('m6g.large');
    const huge = size(
      vm('huge', {
        specs: { vcpus: 512, memoryMiB: 4096 * 1024 },
        utilization: undefined,
      }),
    );
    expect(huge.fits).toBe(false);
    expect(huge.instanceType).toBe('x1.32xlarge');
    expect(huge.reason).toContain(
      'no x86_64 type in us-east-1 is large enough',
    );
  });
});

describe('mapDisks', () => {
  it('uses gp3, buys extra IOPS when cheaper, and moves to io2 beyond gp3 limits', () => {
    const [small, busy, fast, big, tooBig] = [
      mapDisks([{ sizeGiB: 100 }], aws)[0],
      mapDisks([{ sizeGiB: 500 }], aws, 6000)[0],
      mapDisks([{ sizeGiB: 1000 }], aws, 20000)[0],
      mapDisks([{ sizeGiB: 20000 }], aws)[0],
      mapDisks([{ sizeGiB: 100000, name: 'archive' }], aws)[0],
    ];
    expect(small).toMatchObject({
      storageClass: 'gp3',
      monthlyPrice: 8,
      withinLimit: true,
      billedGiB: 100,
    });
    expect(busy).toMatchObject({ storageClass: 'gp3', monthlyPrice: 55 });
    expect(busy.reason).toContain(
      '3000 IOPS provisioned above the included 3000',
    );
    expect(fast).toMatchObject({ storageClass: 'io2', monthlyPrice: 1425 });
    expect(big).toMatchObject({
      storageClass: 'io2',
      monthlyPrice: 2500,
      withinLimit: true,
    });
    expect(tooBig).toMatchObject({
      storageClass: 'io2',
      withinLimit: false,
      monthlyPrice: 12500,
      name: 'archive',
    });
    expect(tooBig.reason).toContain('exceeds the largest target disk');
  });

  it('shares the machine IOPS across disks by size', () => {
    const [a, b] = mapDisks([{ sizeGiB: 100 }, { sizeGiB: 300 }], aws, 8000);
    // 2000 IOPS for the first (within 3000), 6000 for the second (3000 extra).
    expect(a.monthlyPrice).toBe(8);
    expect(b.monthlyPrice).toBe(300 * 0.08 + 3000 * 0.005);
  });

  it('bills Azure managed disks by the smallest tier that holds the size and IOPS', () => {
    expect(mapDisks([{ sizeGiB: 100 }], azure)[0]).toMatchObject({
      tier: 'P10',
      monthlyPrice: 19.71,
      billedGiB: 128,
    });
    expect(mapDisks([{ sizeGiB: 600 }], azure)[0]).toMatchObject({
      tier: 'P30',
      monthlyPrice: 135.17,
    });
    expect(mapDisks([{ sizeGiB: 600 }], azure, 6000)[0]).toMatchObject({
      tier: 'P40',
      monthlyPrice: 259.05,
    });
    expect(mapDisks([{ sizeGiB: 40000 }], azure)[0]).toMatchObject({
      withinLimit: false,
      tier: 'P80',
      monthlyPrice: 7208.24,
      maxSizeGiB: 32767,
    });
  });

  it('moves GCP disks to pd-ssd when pd-balanced cannot deliver the IOPS', () => {
    expect(mapDisks([{ sizeGiB: 100 }], gcp)[0]).toMatchObject({
      storageClass: 'pd-balanced',
      monthlyPrice: 10,
    });
    expect(mapDisks([{ sizeGiB: 100 }], gcp, 5000)[0]).toMatchObject({
      storageClass: 'pd-ssd',
      monthlyPrice: 17,
    });
  });
});

describe('costResource', () => {
  it('computes monthly cost reproducibly from the catalog and the commitment discounts', () => {
    const resource = vm('app-1', {
      specs: { vcpus: 4, memoryMiB: 16384 },
      utilization: { cpuP95: 30, memP95: 40, samples: 720 },
    });
    const sizing = size(resource);
    const disks = mapDisks(resource.specs.disks!, aws);
    const cost = costResource(
      resource,
      sizing,
      disks,
      aws,
      {
        ...settings,
        currentCost: {
          perVcpuMonth: 20,
          perGiBMemoryMonth: 5,
          perGiBDiskMonth: 0.1,
        },
      },
      { currentDiskGiB: 100 },
    );
    // r5.large 0.126 USD/h × 730 h; 1y −35 %, 3y −55 %; gp3 100 GiB × 0.08.
    expect(cost.compute).toEqual({
      onDemand: 91.98,
      commit1y: 59.79,
      commit3y: 41.39,
    });
    expect(cost.storage).toBe(8);
    expect(cost.license).toBe(0);
    expect(cost.total).toEqual({
      onDemand: 99.98,
      commit1y: 67.79,
      commit3y: 49.39,
    });
    // 4 × 20 + 16 × 5 + 100 × 0.1
    expect(cost.current).toBe(170);

    const summary = summarizeCosts(
      [
        { cost, strategy: 'rehost' },
        { cost: { ...cost, included: false }, strategy: 'retire' },
        { cost: { ...cost, included: false }, strategy: 'retain' },
      ],
      'USD',
      true,
    );
    expect(summary.total.onDemand).toBe(99.98);
    // current counts the retired machine (saved) but not the retained one
    expect(summary.current).toBe(340);
    expect(summary.savings!.onDemand).toBe(240.02);
  });
});
