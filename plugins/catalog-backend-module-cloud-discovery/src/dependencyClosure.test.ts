import fs from 'node:fs';
import path from 'node:path';

/** Every package a package loads at run time: its dependencies, theirs, and so on. */
function runtimeClosure(packageName: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    let manifest: string;
    try {
      manifest = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      return; // a package without an exported package.json is a leaf for this check
    }
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      visit(dep, path.dirname(manifest));
    }
  };
  visit(packageName, __dirname);
  return seen;
}

const FORBIDDEN = [
  /^openai$/,
  /^@anthropic-ai\//,
  /^@cdktf\/hcl2json$/,
  /^@cdktn\/hcl2json$/,
  /^@aws-sdk\//,
  /^@azure\/arm-/,
  /^@google-cloud\//,
];

describe('the catalog module stays light', () => {
  it.each([
    '@sirsi-nexus/plugin-catalog-backend-module-cloud-discovery',
    '@sirsi-nexus/plugin-migration-node',
    '@sirsi-nexus/plugin-migration-common',
  ])('%s loads no AI SDK, HCL parser or cloud SDK', name => {
    const closure = runtimeClosure(name);
    // The closure is real: it reaches the Backstage libraries it is built on.
    expect(closure).toContain('@backstage/errors');
    expect(
      [...closure].filter(dep => FORBIDDEN.some(f => f.test(dep))),
    ).toEqual([]);
  });
});

it('finds the SDKs where they are', () => {
  const closure = runtimeClosure(
    '@sirsi-nexus/plugin-migration-backend-module-aws',
  );
  expect(closure).toContain('@aws-sdk/client-ec2');
  expect(closure).not.toContain('openai');
});
