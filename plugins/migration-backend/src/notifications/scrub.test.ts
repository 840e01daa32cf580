import { scrubText } from './scrub';

describe('scrubText', () => {
  it('redacts credentials wherever they appear', () => {
    const text = scrubText(
      [
        'connect failed: password=hunter2 api_key: "k-123" token=abc;',
        'Authorization: Bearer eyJhbGciOi.payload.sig',
        'url https://admin:pa55@db.example.com/x',
        'key AKIAABCDEFGHIJKLMNOP and ghp_abcdefghijklmnopqrstuvwxyz012345',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
      ].join('\n'),
      1000,
    );
    for (const secret of [
      'hunter2',
      'k-123',
      'abc;',
      'eyJhbGciOi',
      'pa55',
      'AKIAABCDEFGHIJKLMNOP',
      'ghp_',
      'MIIE',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('connect failed: password=[redacted]');
    expect(text).toContain('https://[redacted]@db.example.com/x');
  });

  it('drops stack frames, collapses whitespace and truncates', () => {
    const error = new Error('Terraform apply failed');
    const text = scrubText(error.stack);
    expect(text).toBe('Error: Terraform apply failed');
    expect(scrubText(`${'a'.repeat(20)} b`, 10)).toBe('aaaaaaaaa…');
    expect(scrubText(undefined)).toBe('');
  });

  it('keeps ordinary messages as they are', () => {
    expect(
      scrubText('The wave-02 plan has 3 errors (see iac-report.json)'),
    ).toBe('The wave-02 plan has 3 errors (see iac-report.json)');
  });
});
