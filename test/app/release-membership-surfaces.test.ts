import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHome } from '../../src/app/build-home.ts';
import { listReleaseKeps } from '../../src/app/list-release-keps.ts';
import { listReportableKeps } from '../../src/app/list-reportable-keps.ts';
import { roundRows } from '../../src/app/open-round.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { TempStore } from '../db/temp-db.ts';
import { enhancementsFreezeAlert, everyone, exampleRelease, sigDigest } from './release-rig.ts';

// Every surface that shows "the KEPs of the release" must show the same ones for every SIG of the
// v1.35 example: the SIG list, the picker, drumbeat rounds, digests, App Home and deadline alerts.
const release = 'v1.35';
const now = new Date('2025-10-10T12:00:00Z');

let t: TempStore;
let config: ResolvedConfig;

beforeAll(async () => {
  ({ t, config } = await exampleRelease(now));
});
afterAll(() => t.cleanup());

const numbers = (keps: Iterable<{ number: number }>) => [...keps].map((k) => k.number).sort((a, b) => a - b);

function digestNumbers(dir: string): number[] {
  return numbers(sigDigest(t.store, config, dir, release, now).keps);
}

async function alertCounts(): Promise<{ release: number; bySig: Map<string, number[]> }> {
  const model = await enhancementsFreezeAlert(t.store, release, now);
  const bySig = new Map<string, number[]>();
  for (const row of model.keps)
    bySig.set(row.sig ?? 'none', [...(bySig.get(row.sig ?? 'none') ?? []), row.number]);
  return { release: model.kepCount, bySig };
}

describe('one membership rule on every surface (v1.35 example)', () => {
  it('the SIG list, picker, round, digest, App Home and alert list the same KEPs for every SIG', async () => {
    const home = buildHome(t.store, { user: everyone.slack, release, now });
    const policy = {
      release,
      codingPeriod: null,
      admins: [everyone.github],
      updaters: {},
      repo: 'kubernetes/enhancements',
    };
    const picker = listReportableKeps(t.store, policy, { slackUser: everyone.slack });
    const alerts = await alertCounts();
    let total = 0;
    for (const { dir } of config.sigs) {
      const sigList = numbers(listReleaseKeps(t.store, release, dir).keps);
      total += sigList.length;
      const surfaces = {
        round: numbers(roundRows(t.store, dir, release)),
        digest: digestNumbers(dir),
        home: numbers(home.keps.filter((k) => k.sig === dir)),
        picker: numbers(picker.ok ? picker.keps.filter((k) => k.owningSig === dir) : []),
        alert: numbers((alerts.bySig.get(dir) ?? []).map((number) => ({ number }))),
      };
      for (const [surface, list] of Object.entries(surfaces))
        expect(list, `${dir}: ${surface} vs SIG list`).toEqual(sigList);
    }
    expect(alerts.release).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it('KEP-2535 (latest-milestone v1.37, milestone.beta v1.35) is in no surface of v1.35', () => {
    const node = numbers(listReleaseKeps(t.store, release, 'sig-node').keps);
    expect(node).not.toContain(2535);
    expect(numbers(roundRows(t.store, 'sig-node', release))).not.toContain(2535);
    expect(digestNumbers('sig-node')).not.toContain(2535);
  });
});
