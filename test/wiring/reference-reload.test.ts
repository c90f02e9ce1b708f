import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listReleaseKeps, sigsWithoutKeps } from '../../src/app/list-release-keps.ts';
import { type Reloads, startReloads } from './reference-reload-rig.ts';

let rig: Reloads;
beforeEach(async () => {
  rig = await startReloads();
});
afterEach(() => rig.cleanup());

const release = () => rig.live.features.scheduleSettings.release;
const digestSigs = () => rig.live.features.digestSettings.sigs.map((s) => s.dir);

/** A KEP of `sig` in the worktree outside the release, and its kep.yaml. */
function kepOutsideRelease(worktree: string, sig: string): { number: number; file: string } {
  for (const dir of readdirSync(join(worktree, 'keps', sig)).sort()) {
    const file = join(worktree, 'keps', sig, dir, 'kep.yaml');
    const text = readFileSync(file, 'utf8');
    const number = Number(/^kep-number: *"?(\d+)/m.exec(text)?.[1]);
    if (number && !listReleaseKeps(rig.store, release(), sig).keps.some((k) => k.number === number))
      return { number, file };
  }
  throw new Error(`no KEP of ${sig} outside the release`);
}

/** The kep.yaml moved into the release (latest milestone and its stage). */
function moveIntoRelease(file: string): void {
  const version = release().replace(/^v/, '');
  const text = readFileSync(file, 'utf8')
    .replace(/^latest-milestone:.*$/m, `latest-milestone: "v${version}"`)
    .replace(/^stage:.*$/m, 'stage: alpha');
  writeFileSync(file, text.includes('\nmilestone:') ? text : `${text}\nmilestone:\n  alpha: "v${version}"\n`);
}

/** An idle SIG of the digests (no KEP in the release), to give a KEP. */
function idleDigestSig(): string {
  const idle = sigsWithoutKeps(rig.store, release(), digestSigs()).filter((s) =>
    readdirSync(join(rig.worktree(), 'keps')).includes(s),
  );
  if (!idle[0]) throw new Error('no idle SIG among the copied ones');
  return idle[0];
}

describe('reference data reloaded each scheduler pass', () => {
  it('reads nothing while nothing changed, not even after a touch that keeps the content', async () => {
    expect(await rig.pass()).toBe('unchanged');
    expect(await rig.pass()).toBe('unchanged');
    const sigsFile = join(rig.root, 'k8s/sigs.yaml');
    const later = new Date(Date.now() + 5_000);
    utimesSync(sigsFile, later, later);
    expect(await rig.pass()).toBe('unchanged');
    expect(rig.reads).toEqual({ config: 0, keps: 0 });
    expect(rig.metrics).toEqual([]);
  });

  it('applies a changed kep.yaml at the next pass: the SIG gets its digest and round KEP', async () => {
    const sig = idleDigestSig();
    const kep = kepOutsideRelease(rig.worktree(), sig);
    moveIntoRelease(kep.file);
    expect(await rig.pass()).toBe('applied');
    expect(rig.reads).toEqual({ config: 1, keps: 1 });
    expect(listReleaseKeps(rig.store, release(), sig).keps.map((k) => k.number)).toContain(kep.number);
    expect(sigsWithoutKeps(rig.store, release(), digestSigs())).not.toContain(sig);
    expect(rig.logger.lines.filter((l) => l.startsWith('info reference data reloaded'))).toEqual([
      expect.stringMatching(/KEPs \+0\/−0\/~1, SIGs \+0\/−0\/~0, people \+0\/−0\/~0, calendar unchanged/),
    ]);
    expect(rig.metrics).toEqual(['applied']);
    expect(await rig.pass()).toBe('unchanged');
  });

  it('keeps the data before when sigs.yaml breaks, warns once with file:line, and applies the fix', async () => {
    const sigsFile = join(rig.root, 'k8s/sigs.yaml');
    const good = readFileSync(sigsFile, 'utf8');
    const renamed = good.replace('name: API Machinery', 'name: API Machinery Renamed');
    const stored = rig.store.sigs.get('sig-api-machinery');
    const lines = renamed.split('\n');
    const brokenLine = lines.findIndex((l) => l.includes('API Machinery Renamed')) + 2;
    lines.splice(brokenLine - 1, 0, '    label: api: machinery');
    writeFileSync(sigsFile, lines.join('\n'));

    expect(await rig.pass()).toBe('rejected');
    expect(await rig.pass()).toBe('unchanged');
    const warnings = rig.logger.lines.filter((l) => l.startsWith('warn reference data not reloaded'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${join(rig.root, 'k8s/sigs.yaml')} is not valid YAML`);
    expect(warnings[0]).toMatch(new RegExp(`at line ${brokenLine}, column \\d+`));
    expect(rig.store.sigs.get('sig-api-machinery')).toEqual(stored);
    expect(rig.live.current().config.sigsByDir.get('sig-api-machinery')?.name).toBe('API Machinery');

    writeFileSync(sigsFile, `${lines.join('\n')}\n`);
    expect(await rig.pass()).toBe('rejected');
    expect(rig.logger.lines.filter((l) => l.startsWith('warn reference data not reloaded'))).toHaveLength(1);

    writeFileSync(sigsFile, renamed);
    expect(await rig.pass()).toBe('applied');
    expect(rig.store.sigs.get('sig-api-machinery')?.name).toBe('API Machinery Renamed');
    expect(rig.live.features.digestSettings.sigs.find((s) => s.dir === 'sig-api-machinery')?.name).toBe(
      'API Machinery Renamed',
    );
    expect(rig.metrics).toEqual(['rejected', 'rejected', 'applied']);
  });

  it('writes nothing when the transaction fails part way, and tries again at the next pass', async () => {
    const text = readFileSync(rig.configFile, 'utf8');
    const edited = text.replace(
      'slack: U0000000002, timezone: America/New_York',
      'slack: U0000000002, timezone: America/Chicago',
    );
    expect(edited).not.toBe(text);
    writeFileSync(rig.configFile, edited);
    const upsert = rig.store.sigs.upsertMany;
    rig.store.sigs.upsertMany = () => {
      throw new Error('database is locked');
    };
    expect(await rig.pass()).toBe('rejected');
    // people are written before SIGs in the same transaction: rolled back with it.
    expect(rig.store.people.getByGithub('erin-enhancements')?.timezone).toBe('America/New_York');
    expect(rig.live.current().config.peopleByGithub.get('erin-enhancements')?.timezone).toBe(
      'America/New_York',
    );
    expect(rig.logger.lines.filter((l) => l.startsWith('warn reference data not reloaded'))).toEqual([
      expect.stringContaining('the reload failed: database is locked'),
    ]);
    rig.store.sigs.upsertMany = upsert;
    expect(await rig.pass()).toBe('applied');
    expect(rig.store.people.getByGithub('erin-enhancements')?.timezone).toBe('America/Chicago');
    expect(rig.metrics).toEqual(['rejected', 'applied']);
  });

  it('logs a warning the new data brings once, and applies the data', async () => {
    const sigsFile = join(rig.root, 'k8s/sigs.yaml');
    writeFileSync(sigsFile, readFileSync(sigsFile, 'utf8').replace('    name: API Machinery\n', ''));
    expect(await rig.pass()).toBe('applied');
    const warned = () => rig.logger.lines.filter((l) => l.startsWith('warn config warning:'));
    expect(warned()).toEqual([
      expect.stringMatching(/sigs\.yaml.*sig-api-machinery: has no name; using the dir/),
    ]);
    expect(rig.store.sigs.get('sig-api-machinery')?.name).toBe('sig-api-machinery');
    const sig = idleDigestSig();
    moveIntoRelease(kepOutsideRelease(rig.worktree(), sig).file);
    expect(await rig.pass()).toBe('applied');
    expect(warned()).toHaveLength(1);
  });

  it('applies a checkout swapped the way git-sync swaps its symlink', async () => {
    const sig = idleDigestSig();
    let number = 0;
    rig.swapWorktree((worktree) => {
      const kep = kepOutsideRelease(worktree, sig);
      number = kep.number;
      moveIntoRelease(kep.file);
    });
    expect(await rig.pass()).toBe('applied');
    expect(listReleaseKeps(rig.store, release(), sig).keps.map((k) => k.number)).toContain(number);
    expect(await rig.pass()).toBe('unchanged');
    expect(rig.reads).toEqual({ config: 1, keps: 1 });
  });

  it('names what needs a restart and keeps it as it was, applying the rest to deps listeners hold', async () => {
    const votes = rig.live.ctx.features.votes;
    const text = readFileSync(rig.configFile, 'utf8');
    const edited = text
      .replace('release: "#sig-release"', 'release: "#sig-release-new"')
      .replace(
        'slack: U0000000002, timezone: America/New_York',
        'slack: U0000000099, timezone: America/Chicago',
      );
    expect(edited).not.toBe(text);
    writeFileSync(rig.configFile, edited);
    expect(await rig.pass()).toBe('applied');
    expect(rig.logger.lines.filter((l) => l.startsWith('warn restart to apply'))).toEqual([
      expect.stringMatching(/^warn restart to apply: workspace \(/),
    ]);
    expect(rig.live.current().config.workspace.channels.release).toBe('#sig-release');
    expect(rig.store.people.getByGithub('erin-enhancements')?.timezone).toBe('America/Chicago');
    // A listener keeps the deps it got at registration: they read through to the new snapshot.
    expect(votes.settings.closers).toContain('U0000000099');
    expect(votes.settings.closers).not.toContain('U0000000002');
    expect(rig.lookUps).toEqual([]);
  });
});
