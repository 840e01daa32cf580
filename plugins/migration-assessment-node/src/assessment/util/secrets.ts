/** Tag keys that name credentials. */
const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|credential|private[-_]?key|connection[-_]?string|conn[-_]?str|auth|signature|sas/i;

const SECRET_VALUE = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/, // API keys in the sk-... style
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub tokens
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with user:password@
  /(password|pwd|secret|token)\s*[=:]/i,
  /\b[A-Za-z0-9+/_-]{40,}={0,2}/, // long opaque strings (keys, SAS signatures)
];

/** Whether a tag key names a credential. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Whether a value looks like a credential. */
export function looksSecret(value: string): boolean {
  return SECRET_VALUE.some(re => re.test(value));
}

/**
 * Tags without credentials: keys that name secrets are dropped, values that look like one are
 * replaced by `[redacted]`. Used before tags reach an artifact or an advisor.
 */
export function withoutSecrets(
  tags: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(tags)) {
    const value = tags[key];
    if (isSecretKey(key)) continue;
    out[key] = looksSecret(String(value)) ? '[redacted]' : String(value);
  }
  return out;
}

/**
 * {@link withoutSecrets} for a record kept in an assessment: the same object when nothing has to
 * go (the usual case), so 100,000 resources do not each carry a copy of their tags; undefined
 * when there are no tags.
 */
export function redactedTags(
  tags: Record<string, string>,
): Record<string, string> | undefined {
  const keys = Object.keys(tags);
  if (keys.length === 0) return undefined;
  for (let k = 0; k < keys.length; k++) {
    const value = tags[keys[k]];
    if (
      typeof value !== 'string' ||
      isSecretKey(keys[k]) ||
      looksSecret(value)
    ) {
      return withoutSecrets(tags);
    }
  }
  return tags;
}
