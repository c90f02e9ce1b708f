import type { CliCommand } from '../io.ts';

export const calendarCommand: CliCommand = {
  name: 'calendar',
  summary: 'not built yet',
  usage: 'drumbeat calendar',
  run: async (_args, io) => {
    io.stderr('drumbeat calendar is not built yet\n');
    return 1;
  },
};
