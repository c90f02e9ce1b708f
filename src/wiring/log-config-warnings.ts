import { type ConfigProblem, formatProblem } from '../config/problems.ts';
import type { Logger } from '../ports/logger.ts';

/**
 * The config's warnings (its own and those of the files it imports: calendar, sigs.yaml, users.yaml),
 * one log line each, so a bot started without `drumbeat check` still says what it is working around.
 */
export function logConfigWarnings(warnings: readonly ConfigProblem[], logger: Logger): void {
  for (const warning of warnings) logger.warn(`config warning: ${formatProblem(warning)}`);
}
