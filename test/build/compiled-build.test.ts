/**
 * The compiled program in dist/ (built by `npm ci` through `prepare`, and by `npm test`): what
 * `npm start`, bin/drumbeat.js and the image run. dist/main.js and dist/cli/main.js are bundles of
 * the modules tsc writes next to them. It must find its migrations and GraphQL documents from
 * dist/, point stack traces at the TypeScript lines, and never load the local Slack emulator.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readQueryFiles } from '../../src/github/queries.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function requireBuild(): void {
  if (!existsSync(join(dist, 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
}

/** Relative module specifiers a compiled file imports, statically or with a literal `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)];
  return found.map((m) => resolve(dirname(file), m[1]!));
}

/** The src/ modules a file of dist/ was compiled from, relative to the root (from its source map). */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map((s) => relative(root, resolve(dirname(file), s)));
}

function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file)) visit(next);
  };
  visit(entry);
  return seen;
}

describe('package scripts', () => {
  it('build on install, start the compiled program, and keep tsx a development tool', () => {
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(pkg.scripts.build).toMatch(/esbuild dist\/main\.js .*--packages=external/);
    expect(pkg.devDependencies.esbuild).toBeDefined();
    expect(pkg.scripts.start).toMatch(/^node --enable-source-maps dist\/main\.js$/);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(readFileSync(join(root, 'bin/drumbeat.js'), 'utf8')).toContain("'../dist/cli/main.js'");
  });
});

describe('dist/', () => {
  it('finds every migration and GraphQL document from the compiled files', async () => {
    requireBuild();
    const migrate = (await import(join(dist, 'db/migrate.js'))) as { defaultMigrationsDir: string };
    expect(resolve(migrate.defaultMigrationsDir)).toBe(join(root, 'migrations'));
    expect(
      readdirSync(migrate.defaultMigrationsDir).filter((f) => f.endsWith('.sql')).length,
    ).toBeGreaterThan(0);

    const queries = (await import(join(dist, 'github/queries.js'))) as {
      readQueryFiles(): Map<string, string>;
    };
    expect([...queries.readQueryFiles()].sort()).toEqual([...readQueryFiles()].sort());
  });

  it('points a stack trace from compiled code at the TypeScript line', () => {
    requireBuild();
    const script = `import('./dist/github/queries.js').then((q) => q.queryText('no-such-query'))`;
    const child = spawnSync(process.execPath, ['--enable-source-maps', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('no-such-query.graphql is missing');
    expect(child.stderr).toMatch(/src\/github\/queries\.ts:\d+/);
  });

  it('starts the bot from a few bundled files, not the module tree', () => {
    requireBuild();
    const bot = [...moduleGraph(join(dist, 'main.js'))].map((f) => relative(dist, f));
    expect(bot.filter((f) => f !== 'main.js' && !f.startsWith('chunks/'))).toEqual([]);
    expect(bot.length).toBeLessThan(50);
  });

  it('the bot never loads the local Slack emulator, and only simulate can', () => {
    requireBuild();
    const bot = [...moduleGraph(join(dist, 'main.js'))];
    const botSources = bot.flatMap(sourcesOf);
    expect(botSources).toContain('src/wiring/start-bot.ts');
    expect(botSources.filter((f) => f.startsWith('src/sandbox/'))).toEqual([]);

    // the CLI bundle leaves the emulator out and imports it, from dist/sandbox/, in simulate only
    const cli = [...moduleGraph(join(dist, 'cli/main.js'))].filter(
      (f) => !relative(dist, f).startsWith('sandbox/'),
    );
    expect(cli.flatMap(sourcesOf).filter((f) => f.startsWith('src/sandbox/'))).toEqual([]);
    const loadingSandbox = cli.flatMap((from) =>
      importsOf(from)
        .filter((i) => relative(dist, i).startsWith('sandbox/'))
        .map((to) => ({ from, to })),
    );
    expect(loadingSandbox.map(({ to }) => relative(dist, to))).toEqual(['sandbox/simulate-release.js']);
    expect(existsSync(loadingSandbox[0]!.to)).toBe(true);
    expect(sourcesOf(loadingSandbox[0]!.from)).toContain('src/cli/commands/simulate.ts');
  });
});
