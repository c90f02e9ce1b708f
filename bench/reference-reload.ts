/**
 * `npm run bench -- reference-reload`: what the reload's look costs on each scheduler pass when
 * nothing changed (stat the config and its imports, walk the KEP checkout's tree), against a full
 * re-read (config, imports and every kep.yaml), over the fixture checkout grown to 700 kep.yaml.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import { readKepsFromCheckout } from '../src/github/local-checkout.ts';
import { createReferenceWatcher, nodeReferenceReader } from '../src/wiring/reference-watcher.ts';
import { compared, type Figure, percentile, type Suite } from './figure.ts';

const fixtures = new URL('../test/fixtures/k8s/', import.meta.url).pathname;
const example = new URL('../drumbeat.example.yaml', import.meta.url).pathname;
const kepTarget = 700;

/** The fixture KEPs plus numbered copies of them, until the checkout holds `kepTarget` kep.yaml. */
function growCheckout(worktree: string): number {
  cpSync(join(fixtures, 'keps'), join(worktree, 'keps'), { recursive: true });
  const sources = readdirSync(join(worktree, 'keps'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('kep.yaml'))
    .sort();
  for (let i = 0; sources.length + i < kepTarget; i++) {
    const text = readFileSync(join(worktree, 'keps', sources[i % sources.length]!), 'utf8');
    const dir = join(worktree, 'keps/sig-node', `${90_000 + i}-bench-copy`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kep.yaml'), text.replace(/^kep-number:.*$/m, `kep-number: ${90_000 + i}`));
  }
  return Math.max(kepTarget, sources.length);
}

function writeData(root: string): { configFile: string; keps: number } {
  for (const file of ['sigs.yaml', 'process/slack-users.yaml', 'schedules/release-1.35/README.md'])
    cpSync(join(fixtures, file), join(root, 'k8s', file), { recursive: true });
  const keps = growCheckout(join(root, '.worktrees/a'));
  symlinkSync(join(root, '.worktrees/a'), join(root, 'enhancements'));
  const text = readFileSync(example, 'utf8')
    .replace('localCheckout: ./test/fixtures/k8s', 'localCheckout: ./enhancements')
    .replaceAll('./test/fixtures/k8s/', './k8s/');
  writeFileSync(join(root, 'drumbeat.yaml'), text);
  return { configFile: join(root, 'drumbeat.yaml'), keps };
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

async function run(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'drumbeat-bench-reload-'));
  try {
    const { configFile, keps } = writeData(root);
    const loaded = await loadConfig(configFile);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    const watcher = createReferenceWatcher(configFile, nodeReferenceReader);
    await watcher.prime(loaded.config);
    const look = await median(20, async () => {
      if ((await watcher.look()).kind !== 'unchanged') throw new Error('the bench tree changed');
    });
    const knownSigs = loaded.config.sigs.map((s) => s.dir);
    const reread = await median(5, async () => {
      const config = await loadConfig(configFile);
      if (!config.ok) throw new Error('the bench config does not load');
      await readKepsFromCheckout(join(root, 'enhancements'), { knownSigs });
    });
    return [
      compared(
        `reference reload ${keps} kep.yaml: a pass with nothing changed vs a full re-read`,
        look,
        reread,
        'ms',
      ),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export const referenceReloadSuite: Suite = { name: 'reference-reload', run };
