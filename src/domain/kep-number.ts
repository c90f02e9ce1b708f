/** The KEP number and what was odd about it. */
export interface KepNumberReading {
  number: number;
  warnings: string[];
}

/** The number a KEP directory starts with (`0752-endpointslices` → 752), or null. */
export function directoryNumber(directoryName: string): number | null {
  const match = /^(\d+)(?:-|$)/.exec(directoryName);
  return match ? Number(match[1]) : null;
}

function fromDirectory(directoryName: string, why: string): KepNumberReading {
  const fallback = directoryNumber(directoryName);
  if (fallback === null) {
    return {
      number: 0,
      warnings: [`${why}, and the directory name "${directoryName}" has no number either; using 0`],
    };
  }
  return { number: fallback, warnings: [`${why}; took ${fallback} from the directory name`] };
}

/**
 * `kep-number` as an integer, quoted or not, leading zeros ignored (`"0042"` → 42). When it is missing
 * or not digits, the directory's numeric prefix is used instead, with a warning. A directory number that
 * differs from `kep-number` is reported; `kep-number` wins (it is the enhancements issue number).
 */
export function readKepNumber(value: unknown, directoryName: string): KepNumberReading {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) {
    return fromDirectory(directoryName, 'kep-number is missing');
  }
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (!/^\d{1,9}$/.test(text)) {
    const written = text || JSON.stringify(value);
    return fromDirectory(directoryName, `kep-number "${written}" is not a whole number`);
  }
  const number = Number(text);
  const fromDir = directoryNumber(directoryName);
  const warnings =
    fromDir !== null && fromDir !== number
      ? [`kep-number is ${number} but the directory name says ${fromDir}; using ${number} (kep-number)`]
      : [];
  return { number, warnings };
}
