import type { CliCommand } from '../io.ts';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'not built yet',
  usage: 'drumbeat check',
  run: async (_args, io) => {
    io.stderr('drumbeat check is not built yet\n');
    return 1;
  },
};
