import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { configOf } from './helpers.ts';

const repoRoot = path.join(import.meta.dirname, '..', '..');

// Reads the real importers' output over test/fixtures/k8s (sigs.yaml and the v1.35 README).
describe('drumbeat.example.yaml over the Kubernetes fixtures', () => {
  it('loads, with the v1.35 calendar and sigs.yaml imported', async () => {
    const { config } = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    expect(config.release.name).toBe('v1.35');
    expect(config.release.milestones.length).toBeGreaterThan(10);
    const kinds = new Set(config.release.milestones.map((m) => m.kind));
    for (const kind of ['enhancements-freeze', 'code-freeze', 'release'] as const)
      expect(kinds).toContain(kind);
    const instants = config.release.milestones.map((m) => m.at ?? `${m.date}T00:00:00Z`);
    expect(instants).toEqual([...instants].sort());
    expect(config.github.localCheckout).toBe(path.join(repoRoot, 'test', 'fixtures', 'k8s'));
  });

  it('runs for the SIGs of sigs.yaml (not WGs or committees), with channels and the overrides applied', async () => {
    const { config } = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    expect(config.sigs.length).toBeGreaterThan(20);
    expect(config.sigs.every((s) => s.kind === 'sig')).toBe(true);
    expect(config.sigsByDir.get('sig-contributor-experience')?.channel).toBe('#sig-contribex');
    expect(config.sigsByDir.get('sig-node')?.facilitators).toEqual(['alice-facilitator']);
    expect(config.sigsByDir.get('sig-node')?.chairs.length).toBeGreaterThan(0);
    expect(config.sigsByDir.get('sig-scheduling')?.drumbeat).toMatchObject({
      cron: '0 9 * * 3',
      timezone: 'Asia/Tokyo',
    });
    expect(config.sigsByDir.get('sig-auth')?.digest.to).toBe('#sig-auth');
    expect(config.sigsByDir.get('sig-storage')?.drumbeat.nudgeAfterMs).toBe(12 * 3_600_000);
    expect(config.release.lead?.github).toBe('lena-release-lead');
  });

  it('warns about chairs the bot cannot reach, on the sigs.import key', async () => {
    const result = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    const chairs = result.warnings.filter((w) => w.message.startsWith('chairs of sig-'));
    expect(chairs.length).toBeGreaterThan(10);
    expect(chairs.every((w) => w.file === 'drumbeat.example.yaml' && w.line !== null)).toBe(true);
  });

  it('reads the site section: the release page is off, notes shown, no links from Slack', async () => {
    const { config, warnings } = configOf(await loadConfig('drumbeat.example.yaml', { cwd: repoRoot }));
    expect(warnings.filter((w) => w.message.includes('site'))).toEqual([]);
    expect(config.site).toEqual({
      access: 'off',
      url: null,
      showNotes: true,
      proxy: {
        userHeader: 'X-Forwarded-User',
        emailHeader: 'X-Forwarded-Email',
        groupsHeader: 'X-Forwarded-Groups',
        allowedGroups: [],
      },
    });
  });

  it('accepts the commented site settings once uncommented', async () => {
    const text = readFileSync(path.join(repoRoot, 'drumbeat.example.yaml'), 'utf8');
    const uncommented = text
      .replace('  access: off', '  access: proxy')
      .replace('  # url: ', '  url: ')
      .replace(/^ {2}# proxy:\n((?: {2}# {3}.*\n)+)/m, (block) => block.replace(/^ {2}# /gm, '  '));
    expect(uncommented).not.toBe(text);
    const dir = mkdtempSync(path.join(repoRoot, '.site-example-'));
    try {
      const file = path.join(dir, 'drumbeat.yaml');
      writeFileSync(file, uncommented.replaceAll('./test/fixtures', '../test/fixtures'));
      const { config } = configOf(await loadConfig(file, { cwd: repoRoot }));
      expect(config.site.access).toBe('proxy');
      expect(config.site.url).toBe('https://drumbeat.example.org/release');
      expect(config.site.proxy.allowedGroups).toEqual(['release-team']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
