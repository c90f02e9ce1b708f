import type { CliCommand } from '../io.ts';
import { calendarCommand } from './calendar.ts';
import { checkCommand } from './check.ts';
import { custodyCommand } from './custody.ts';
import { digestCommand } from './digest.ts';
import { driftCommand } from './drift.ts';
import { exceptionsCommand } from './exceptions.ts';
import { kepsCommand } from './keps.ts';
import { migrateCommand } from './migrate.ts';
import { notesCommand } from './notes.ts';
import { planCommand } from './plan.ts';
import { reportCommand } from './report.ts';
import { sigsCommand } from './sigs.ts';
import { simulateCommand } from './simulate.ts';
import { siteCommand } from './site.ts';
import { syncCommand } from './sync.ts';
import { trackCommand } from './track.ts';

export const commands: CliCommand[] = [
  checkCommand,
  migrateCommand,
  kepsCommand,
  sigsCommand,
  calendarCommand,
  simulateCommand,
  syncCommand,
  driftCommand,
  custodyCommand,
  digestCommand,
  planCommand,
  notesCommand,
  exceptionsCommand,
  reportCommand,
  siteCommand,
  trackCommand,
];
