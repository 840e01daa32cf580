import {
  IdentifierAllocator,
  toCloudName,
  toGcpLabel,
  toTerraformIdentifier,
} from './identifiers';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

describe('toTerraformIdentifier', () => {
  it.each([
    ['web-01', 'web_01'],
    ['Web Server #1', 'web_server_1'],
    ['01-db', 'r_01_db'],
    ['café-münchen', 'cafe_munchen'],
    ['__x__', 'x'],
    ['a..b--c', 'a_b_c'],
  ])('%s → %s', (raw, expected) => {
    expect(toTerraformIdentifier(raw)).toBe(expected);
  });

  it('always yields a valid identifier, even from names with nothing usable', () => {
    for (const raw of ['', '日本語', '!!!', '123', '${x}', 'a'.repeat(200)]) {
      const id = toTerraformIdentifier(raw);
      expect(id).toMatch(IDENTIFIER);
      expect(id.length).toBeLessThanOrEqual(64);
    }
    expect(toTerraformIdentifier('日本')).not.toBe(
      toTerraformIdentifier('中文'),
    );
    expect(toTerraformIdentifier(`${'a'.repeat(100)}1`)).not.toBe(
      toTerraformIdentifier(`${'a'.repeat(100)}2`),
    );
  });
});

describe('IdentifierAllocator', () => {
  it('keeps identifiers unique per scope and stable per key', () => {
    const ids = new IdentifierAllocator();
    expect(ids.allocate('vm', 'web-01')).toBe('web_01');
    expect(ids.allocate('vm', 'web_01')).toBe('web_01_2');
    expect(ids.allocate('vm', 'WEB 01')).toBe('web_01_3');
    expect(ids.allocate('vm', 'web-01')).toBe('web_01');
    expect(ids.allocate('disk', 'web_01')).toBe('web_01');
  });
});

describe('toCloudName', () => {
  it('follows each cloud’s naming rules', () => {
    expect(toCloudName('Web Server_01', 'gcp')).toBe('web-server-01');
    expect(toCloudName('1st', 'gcp')).toBe('r-1st');
    expect(toCloudName('x'.repeat(100), 'gcp')).toMatch(
      /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    );
    expect(toCloudName('my vm (prod).', 'azure')).toBe('my-vm-prod');
    expect(
      toCloudName('a-very-long-windows-name', 'azure-computer').length,
    ).toBeLessThanOrEqual(15);
    expect(toCloudName('12345', 'azure-computer')).toMatch(/^vm-/);
    expect(toCloudName('web "tier"', 'aws')).toBe('web-tier-');
  });

  it('sanitises GCP labels', () => {
    expect(toGcpLabel('group:default/Team', 'value')).toBe(
      'group_default_team',
    );
    expect(toGcpLabel('9lives', 'key')).toBe('k_9lives');
  });
});
