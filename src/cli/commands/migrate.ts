import type { CliCommand } from '../io.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'not built yet',
  usage: 'drumbeat migrate',
  run: async (_args, io) => {
    io.stderr('drumbeat migrate is not built yet\n');
    return 1;
  },
};
