import { type PulseWindow, pulseWindow } from '../domain/pulse.ts';
import { nextDmInstant } from '../domain/quiet-hours.ts';
import { retroPrompts } from '../domain/retro.ts';
import type { FeedbackDeps } from '../ports/feedback.ts';
import type { PulseRecord } from '../ports/feedback-store.ts';
import { placeRetroPrompts } from './place-retro-prompts.ts';

const minute = 60_000;

/**
 * The pulse and the retrospective, as a scheduled task (idempotent: every pass may call it). From the
 * pulse instant on: one DM per person asked (outside their quiet hours; once per person across
 * restarts, by outbox key and invitation ledger), the retrospective prompts posted once, and at the
 * close the pulse stops taking answers and forgets who gave which.
 */
export async function runFeedback(deps: FeedbackDeps, now: Date): Promise<{ nextDueAt: Date | null }> {
  const { settings } = deps;
  closeEarlierPulses(deps, now);
  const window = pulseWindow(settings.calendar, settings.pulseAt, settings.pulseOpenForMs);
  if (!window) return { nextDueAt: null };
  if (now < window.opensAt) return { nextDueAt: window.opensAt };
  const pulseNext = settings.pulseEnabled ? await runPulse(deps, window, now) : null;
  await postRetro(deps, now);
  if ((await placeRetroPrompts(deps)) > 0) return { nextDueAt: new Date(now.getTime() + minute) };
  return { nextDueAt: pulseNext };
}

/** Opens, invites and closes the pulse; the next instant it needs a look (its close), or null once closed. */
async function runPulse(deps: FeedbackDeps, window: PulseWindow, now: Date): Promise<Date | null> {
  const { settings, store } = deps;
  const pulse = store.pulses.ensure({
    release: settings.release,
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    minimum: settings.minimumAnswers,
  });
  if (pulse.closedAt === null && now >= new Date(pulse.closesAt)) closePulse(deps, pulse, now);
  else if (pulse.closedAt === null) await invite(deps, pulse, now);
  return store.pulses.get(settings.release)?.closedAt ? null : new Date(pulse.closesAt);
}

/** A pulse of an earlier release still open after the next release started closes at its own time. */
function closeEarlierPulses(deps: FeedbackDeps, now: Date): void {
  for (const pulse of deps.store.pulses.listOpen())
    if (pulse.release !== deps.settings.release && now >= new Date(pulse.closesAt))
      closePulse(deps, pulse, now);
}

function closePulse(deps: FeedbackDeps, pulse: PulseRecord, now: Date): void {
  if (!deps.store.pulses.close(pulse.release, now.toISOString())) return;
  deps.logger.info('satisfaction pulse closed; who gave which answer is forgotten', {
    release: pulse.release,
    invited: deps.store.pulses.invitedCount(pulse.release),
    answered: deps.store.pulses.answers(pulse.release).length,
  });
}

async function invite(deps: FeedbackDeps, pulse: PulseRecord, now: Date): Promise<void> {
  const { store, settings } = deps;
  const asked = new Set(store.pulses.invited(pulse.release));
  const closesAt = new Date(pulse.closesAt);
  for (const login of settings.invitees) {
    const person = store.people.getByGithub(login);
    if (!person?.slack || asked.has(person.slack)) continue;
    const timing = nextDmInstant(now, person);
    const at = timing.kind === 'send' ? timing.at : timing.until;
    if (at >= closesAt) continue;
    const key = `pulse:${pulse.release}:${person.slack}`;
    await deps.chat.dm({
      key,
      lane: 'scheduled',
      user: person.slack,
      notBefore: at,
      ...deps.messages.pulseDm({ release: pulse.release, closesAt, minimum: pulse.minimum }),
    });
    store.pulses.invite(pulse.release, person.slack, key, at.toISOString());
    asked.add(person.slack);
  }
}

async function postRetro(deps: FeedbackDeps, now: Date): Promise<void> {
  const { store, settings } = deps;
  const channel = settings.retroChannel;
  if (!channel) return;
  const posted = new Set(store.retros.prompts(settings.release).map((p) => p.prompt));
  for (const prompt of retroPrompts) {
    if (posted.has(prompt)) continue;
    const outboxKey = `retro:${settings.release}:${prompt}`;
    await deps.chat.post({
      key: outboxKey,
      lane: 'scheduled',
      channel,
      ...deps.messages.retroPrompt({ release: settings.release, prompt }),
    });
    store.retros.addPrompt({
      release: settings.release,
      prompt,
      channel,
      outboxKey,
      postedAt: now.toISOString(),
    });
  }
}
