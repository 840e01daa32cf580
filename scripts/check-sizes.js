#!/usr/bin/env node
/*
 * Size check: no source file over 400 lines and no function over 80 lines, tests and generated
 * code excepted. Prints every offender (path:line, name, lines) and exits 1 when there is one.
 * Usage: node scripts/check-sizes.js [--max-file 400] [--max-function 80]
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const ts = require('typescript');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MAX_FILE = option('--max-file', 400);
const MAX_FUNCTION = option('--max-function', 80);

const root = path.resolve(__dirname, '..');
const EXCLUDED = [
  /\.test\.tsx?$/,
  /(^|\/)__testUtils__\//,
  /(^|\/)testUtils\//,
  /(^|\/)e2e-tests\//,
  /(^|\/)generated\//,
  /\.examples\.ts$/,
  /(^|\/)setupTests\.ts$/,
  /\.d\.ts$/,
];
const files = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', 'plugins', 'packages'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter(f => /\.tsx?$/.test(f) && f.includes('/src/'))
  .filter(f => !EXCLUDED.some(re => re.test(f)))
  .filter(f => fs.existsSync(path.join(root, f)));

function functionName(node, sf) {
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent))
    return parent.name.getText(sf);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(sf);
  if (parent && ts.isCallExpression(parent)) {
    return `callback of ${parent.expression.getText(sf).slice(0, 40)}`;
  }
  return '(anonymous)';
}

const offenders = [];
for (const file of files) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE)
    offenders.push(`${file}: file has ${lines} lines (max ${MAX_FILE})`);
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = node => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessor(node)
    ) {
      if (node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.end).line;
        const length = end - start + 1;
        if (length > MAX_FUNCTION) {
          offenders.push(
            `${file}:${start + 1}: function ${functionName(
              node,
              sf,
            )} has ${length} lines (max ${MAX_FUNCTION})`,
          );
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

if (offenders.length) {
  console.log(offenders.join('\n'));
  console.log(
    `\n${offenders.length} offender(s) of the size rules (files <= ${MAX_FILE} lines, functions <= ${MAX_FUNCTION}).`,
  );
  process.exit(1);
}
console.log(
  `Size check: ${files.length} files, none over ${MAX_FILE} lines, no function over ${MAX_FUNCTION} lines.`,
);
