import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a small executable standing in for `terraform`/`tofu` (neither is installed here): it
 * appends its arguments and working directory to `calls.log`, prints what it was given, and
 * exits with the code named for its sub-command in `FAKE_TF_EXIT_<COMMAND>` (default 0).
 * `FAKE_TF_SLEEP` makes it sleep before exiting.
 */
export function writeFakeTerraform(): {
  command: string;
  dir: string;
  log: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'fake-terraform-'));
  const command = join(dir, 'terraform');
  const log = join(dir, 'calls.log');
  writeFileSync(
    command,
    `#!/bin/sh
echo "$(pwd)|$*" >> "${log}"
echo "Terraform fake: $1 in $(basename "$(pwd)")"
echo "credentials seen: AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY" 
echo "inherited: \${BACKSTAGE_SECRET_SHOULD_NOT_LEAK:-none}"
echo "warning on stderr" >&2
if [ -n "$FAKE_TF_SLEEP" ]; then sleep "$FAKE_TF_SLEEP"; fi
var="FAKE_TF_EXIT_$(echo "$1" | tr a-z A-Z)"
eval code=\\\${$var:-0}
exit $code
`,
  );
  chmodSync(command, 0o755);
  return { command, dir, log };
}
