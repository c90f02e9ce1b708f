import type { CliCommand } from '../io.ts';

export const kepsCommand: CliCommand = {
  name: 'keps',
  summary: 'not built yet',
  usage: 'drumbeat keps',
  run: async (_args, io) => {
    io.stderr('drumbeat keps is not built yet\n');
    return 1;
  },
};
