import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConfig, repoRoot } from './harness.ts';

/**
 * drumbeat.example.yaml without `people.import`: only its six listed people are reachable, as the
 * tests that count who is asked expect. Written to a temp folder with absolute import paths.
 */
export function listedPeopleConfig(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-listed-'));
  const text = readFileSync(exampleConfig, 'utf8');
  const without = text.replace(/^ {2}import: \.\/test\/fixtures\/k8s\/process\/slack-users\.yaml\n/m, '');
  if (without === text) throw new Error('drumbeat.example.yaml no longer imports people');
  const file = join(dir, 'drumbeat.yaml');
  writeFileSync(file, without.replaceAll('./test/fixtures/', join(repoRoot, 'test', 'fixtures', '/')));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
