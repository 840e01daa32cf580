/** Key=value pairs whose key names a credential: the value is replaced. */
const SECRET_ASSIGNMENT =
  /\b([\w.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|credential|private[-_]?key|connection[-_]?string|authorization|sas|signature)[\w.-]*)(\s*[=:]\s*|"\s*:\s*")("?)[^\s"',;&)]+/gi;

/** Values that look like a credential wherever they appear. */
const SECRET_VALUES: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi,
  /\bBasic\s+[A-Za-z0-9+/]{8,}=*/g,
  /AKIA[0-9A-Z]{16}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/g,
  /\b[A-Za-z0-9+/_-]{40,}={0,2}/g,
];

/** `scheme://user:password@` in URLs. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

/** A stack frame line (`    at fn (file:1:2)`). */
const STACK_FRAME = /^\s*at\s.+$/;

/**
 * Text safe for a notification: stack frames dropped, credentials (key=value pairs with a secret
 * key, bearer tokens, access keys, private keys, long opaque strings, URL user:password) replaced
 * by `[redacted]`, whitespace collapsed, cut to `max` characters.
 */
export function scrubText(text: string | undefined, max = 300): string {
  if (!text) {
    return '';
  }
  let out = text
    .split('\n')
    .filter(line => !STACK_FRAME.test(line))
    .join(' ');
  out = out.replace(URL_CREDENTIALS, '$1[redacted]@');
  // Values first: `Authorization: Bearer <token>` loses the token, not only the word Bearer.
  for (const pattern of SECRET_VALUES) {
    out = out.replace(pattern, '[redacted]');
  }
  out = out.replace(SECRET_ASSIGNMENT, '$1$2$3[redacted]');
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > max ? `${out.slice(0, max - 1).trimEnd()}…` : out;
}
