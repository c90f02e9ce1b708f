import { describe, expect, it, vi } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { ConfigFiles } from '../../src/config/resolve-context.ts';
import type { CalendarMilestone, Sig } from '../../src/domain/types.ts';
import { configOf, problemsOf } from './helpers.ts';

// The importers are another module's job: here they are replaced so these tests exercise only how
// the loader reads imported files, reports failures and merges the results.
const importers = vi.hoisted(() => ({
  sigs: vi.fn(),
  calendar: vi.fn(),
}));
vi.mock('../../src/config/import-sigs.ts', async (original) => ({
  ...(await original<typeof import('../../src/config/import-sigs.ts')>()),
  parseSigsYaml: importers.sigs,
}));
vi.mock('../../src/config/import-calendar.ts', () => ({ parseReleaseCalendar: importers.calendar }));

const { ImportError } = await import('../../src/config/import-sigs.ts');

function sig(dir: string, fields: Partial<Sig> = {}): Sig {
  return {
    dir,
    name: dir,
    kind: 'sig',
    label: null,
    slackChannel: dir,
    chairs: [],
    techLeads: [],
    meetings: [],
    ...fields,
  };
}

const freeze: CalendarMilestone = {
  name: 'Code Freeze',
  kind: 'code-freeze',
  who: null,
  week: 8,
  at: '2099-03-06T12:00:00Z',
  date: null,
  endDate: null,
  aoe: true,
};

const config = `workspace:
  channels: { pm: "#sig-pm", release: "#sig-release" }
release:
  name: v1.37
  calendar:
    import: ./release/README.md
    milestones: [{ name: Kickoff, date: 2099-01-12 }]
sigs:
  import: ./community/sigs.yaml
  overrides:
    sig-node: { channel: "#node-release" }
`;

/** In-memory files under /conf (the config is /conf/drumbeat.yaml). */
function memoryFiles(files: Record<string, string>): ConfigFiles {
  return {
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: ${p}`);
      return text;
    },
    fileSize: (p) => (files[p] === undefined ? null : Buffer.byteLength(files[p])),
    isDirectory: () => false,
  };
}

const bothFiles = { '/conf/release/README.md': '# v1.37', '/conf/community/sigs.yaml': 'sigs: []' };
const options = (files: Record<string, string>, extra = {}) => ({
  cwd: '/conf',
  files: memoryFiles(files),
  ...extra,
});

describe('imports', () => {
  it('passes the imported text and its display path to the importers, and merges the results', () => {
    importers.sigs.mockReturnValue({
      sigs: [sig('sig-node'), sig('sig-apps', { slackChannel: null })],
      warnings: [],
    });
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const result = configOf(parseConfigText(config, 'drumbeat.yaml', options(bothFiles)));
    expect(importers.sigs).toHaveBeenCalledWith('sigs: []', 'community/sigs.yaml');
    expect(importers.calendar).toHaveBeenCalledWith('# v1.37', 'release/README.md');
    expect(result.config.release.milestones.map((m) => m.name)).toEqual(['Kickoff', 'Code Freeze']);
    expect(result.config.sigs.map((s) => [s.dir, s.channel])).toEqual([
      ['sig-apps', null],
      ['sig-node', '#node-release'],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'sig-apps has no Slack channel; set sigs.overrides.sig-apps.channel',
      'the default escalation ladder ends with release-lead, but release.lead is not set: that step will reach nobody',
    ]);
  });

  it('reports a missing file on the import key, with its line', () => {
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const problems = problemsOf(
      parseConfigText(config, 'drumbeat.yaml', options({ '/conf/release/README.md': 'x' })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'drumbeat.yaml', path: 'sigs.import', line: 9, column: 3 });
    expect(problems[0]?.message).toMatch(
      /cannot import "\.\/community\/sigs\.yaml": no file at \/conf\/community\/sigs\.yaml/,
    );
  });

  it('reports an ImportError on the import key, not as a crash', () => {
    importers.sigs.mockImplementation(() => {
      throw new ImportError('not a kubernetes/community sigs.yaml (no `sigs:` list)');
    });
    importers.calendar.mockImplementation(() => {
      throw new TypeError('boom');
    });
    const problems = problemsOf(parseConfigText(config, 'drumbeat.yaml', options(bothFiles)));
    expect(problems.map((p) => [p.path, p.line, p.message])).toEqual([
      ['release.calendar.import', 6, 'cannot import release/README.md: boom'],
      [
        'sigs.import',
        9,
        'cannot import community/sigs.yaml: not a kubernetes/community sigs.yaml (no `sigs:` list)',
      ],
    ]);
  });

  it('does not also report overrides as unknown when the SIG import failed', () => {
    importers.sigs.mockImplementation(() => {
      throw new ImportError('bad');
    });
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const problems = problemsOf(parseConfigText(config, 'drumbeat.yaml', options(bothFiles)));
    expect(problems.map((p) => p.path)).toEqual(['sigs.import']);
  });

  it('refuses an imported file over the size limit', () => {
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const files = { ...bothFiles, '/conf/community/sigs.yaml': 'x'.repeat(200) };
    const problems = problemsOf(
      parseConfigText(config, 'drumbeat.yaml', options(files, { maxImportBytes: 100 })),
    );
    expect(problems[0]?.message).toMatch(/200 bytes is over the limit of 100/);
  });

  it("keeps the importers' warnings in the imported file's terms", () => {
    importers.sigs.mockReturnValue({
      sigs: [sig('sig-node')],
      warnings: [
        {
          source: 'community/sigs.yaml:120',
          message: 'sig-node: meeting zone "PT (Pacific Time)" read as America/Los_Angeles',
        },
      ],
    });
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const { warnings } = configOf(parseConfigText(config, 'drumbeat.yaml', options(bothFiles)));
    expect(warnings.map((w) => [w.file, w.line, w.path])).toEqual([
      ['community/sigs.yaml', 120, 'sigs.import'],
      ['drumbeat.yaml', 3, 'release'],
    ]);
  });

  it('refuses a release name that differs from the imported calendar, on release.name', () => {
    importers.sigs.mockReturnValue({ sigs: [sig('sig-node')], warnings: [] });
    importers.calendar.mockReturnValue({ release: 'v1.36', milestones: [freeze], warnings: [] });
    const problems = problemsOf(parseConfigText(config, 'drumbeat.yaml', options(bothFiles)));
    expect(problems.map((p) => [p.file, p.line, p.path, p.message])).toEqual([
      [
        'drumbeat.yaml',
        4,
        'release.name',
        '"v1.37" differs from the imported calendar\'s release "v1.36" (release/README.md); set release.name to v1.36, or import the v1.37 README',
      ],
    ]);
  });

  it('refuses an inline group whose dir is already imported', () => {
    importers.sigs.mockReturnValue({ sigs: [sig('sig-node')], warnings: [] });
    importers.calendar.mockReturnValue({ release: 'v1.37', milestones: [freeze], warnings: [] });
    const text = config.replace('  overrides:', '  groups: [{ dir: sig-node, name: Node }]\n  overrides:');
    const problems = problemsOf(parseConfigText(text, 'drumbeat.yaml', options(bothFiles)));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['sigs.groups[0].dir', '"sig-node" is imported or listed earlier; change it in sigs.overrides instead'],
    ]);
  });
});
