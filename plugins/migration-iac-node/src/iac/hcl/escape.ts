const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes a string for a quoted HCL template (`"..."`): backslashes, quotes, control characters,
 * and the template introducers `${` and `%{`, so the value is always a literal.
 *
 * @public
 */
export function escapeHclString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && value[i + 1] === '{') {
      out += `${ch}${ch}{`;
      i++;
    } else if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + value[i + 1];
        i++;
      } else {
        // A lone surrogate cannot be written as UTF-8; keep it visible instead of corrupting the file.
        out += '\\ufffd';
      }
    } else out += ch;
  }
  return `"${out}"`;
}

/**
 * The form in which HCL-to-JSON conversion reports a literal string: template introducers are
 * doubled (`$${`, `%%{`) so the JSON is itself a valid Terraform JSON template.
 *
 * @public
 */
export function literalToTemplateJson(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\$\{/g, '$$$${')
    .replace(/%\{/g, '%%{');
}
