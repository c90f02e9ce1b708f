/** How long ago, compactly: `just now`, `12m`, `5h`, `3d`, `6w`. */
export function formatAge(since: string | Date, now: Date): string {
  const ms = now.getTime() - new Date(since).getTime();
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  return days < 28 ? `${days}d` : `${Math.floor(days / 7)}w`;
}

/** `just now`, `12m ago`, `3d ago`. */
export function formatAgo(since: string | Date, now: Date): string {
  const age = formatAge(since, now);
  return age === 'just now' ? age : `${age} ago`;
}
