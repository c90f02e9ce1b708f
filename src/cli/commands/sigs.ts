import type { CliCommand } from '../io.ts';

export const sigsCommand: CliCommand = {
  name: 'sigs',
  summary: 'not built yet',
  usage: 'drumbeat sigs',
  run: async (_args, io) => {
    io.stderr('drumbeat sigs is not built yet\n');
    return 1;
  },
};
