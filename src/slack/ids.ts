/**
 * Every identifier Slack sends back to the app: slash commands, shortcut callback ids,
 * action_ids, view callback_ids, block_ids and events. Wire values are snake_case (commands are
 * what users type); names are camelCase. The app registers listeners with these constants, the
 * builders put them in blocks, and `manifests/*.yaml` must list every command, shortcut and
 * event below (test/slack/manifest.test.ts checks both directions).
 *
 * Adding a surface: id here → manifest entry (commands, shortcuts, events) → listener →
 * builder.
 */

/** Slash commands, as typed in Slack. */
export const commands = {
  /** Report and read KEP status: `/kep-status`, `/kep-status 4222 at-risk …`, `/kep-status 4222`. */
  kepStatus: '/kep-status',
  /** Start and run fist-to-five votes. */
  fistToFive: '/fist-to-five',
  /** Everything else: `plan`, `exception`, `ooo`, `help`. */
  drumbeat: '/drumbeat',
} as const;

/** Shortcut callback ids (message shortcuts). */
export const shortcuts = {
  /** "Start fist-to-five" on a message, e.g. a SIG readout. */
  startFistToFive: 'start_fist_to_five',
} as const;

/**
 * action_ids of buttons, menus and inputs. Slack rejects two elements with the same action_id in
 * one block, so rows of similar buttons use a prefix plus a suffix (see {@link voteCastAction}).
 */
export const actions = {
  /** Button that opens the KEP status modal (e.g. in a drumbeat round or on App Home). */
  kepStatusOpenModal: 'kep_status_open_modal',
  /** "Edit" on the ephemeral reply to a one-line `/kep-status`. */
  kepStatusEdit: 'kep_status_edit',
  /** External select with type-ahead over the SIG's KEPs (options load via the options URL). */
  kepStatusKepSelect: 'kep_status_kep_select',
  /** "Update" button on a drumbeat round's parent message. */
  roundUpdateKep: 'round_update_kep',
  /** Prefix of the 0–5 vote buttons: `vote_cast_0` … `vote_cast_5`. */
  voteCast: 'vote_cast',
  /** Blocker buttons in escalation posts. */
  blockerAcknowledge: 'blocker_acknowledge',
  blockerSnooze: 'blocker_snooze',
  blockerResolve: 'blocker_resolve',
  /** Decision buttons on an exception request in the release channel. */
  exceptionApprove: 'exception_approve',
  exceptionReject: 'exception_reject',
  /** "Remove from milestone" / "Restore to milestone" (release team; value: JSON of the KEP and reason). */
  milestoneRemove: 'milestone_remove',
  milestoneRestore: 'milestone_restore',
  /** "Remove from milestone…" menu on the release channel's deadline alert (after the freeze). */
  milestoneRemovePick: 'milestone_remove_pick',
  /** "Close now" on a vote message (its owner or the release team). */
  voteClose: 'vote_close',
  /** "Re-vote" on a vote's result (its owner or the release team). */
  voteRevote: 'vote_revote',
  /** "Edit plan" on a SIG's plan in the readout thread (value: the SIG dir). */
  planOpenModal: 'plan_open_modal',
} as const;

/** The action_id of the vote button for `value` (0–5): `vote_cast_3`. */
export function voteCastAction(value: number): string {
  return `${actions.voteCast}_${value}`;
}

/** Matches every vote button's action_id, for `app.action(voteCastPattern, …)`. */
export const voteCastPattern = /^vote_cast_[0-5]$/;

/** The satisfaction pulse's buttons: one action_id per score (unique within their block). */
export function pulseScoreAction(score: number): string {
  return `pulse_score_${score}`;
}

/** Matches every pulse button's action_id. */
export const pulseScorePattern = /^pulse_score_(?:[0-9]|10)$/;

/** callback_ids of modals. */
export const views = {
  kepStatusModal: 'kep_status_modal',
  voteConcernModal: 'vote_concern_modal',
  voteStartModal: 'vote_start_modal',
  exceptionRequestModal: 'exception_request_modal',
  planModal: 'plan_modal',
  pulseCommentModal: 'pulse_comment_modal',
} as const;

/**
 * block_ids of the KEP status modal's inputs (read back from `view.state.values`). Message
 * blocks that carry state use these prefixes followed by `:` and a key, e.g. `round:4222`.
 */
export const blocks = {
  kepStatusKep: 'kep_status_kep',
  kepStatusState: 'kep_status_state',
  kepStatusConfidence: 'kep_status_confidence',
  kepStatusBlockedBy: 'kep_status_blocked_by',
  kepStatusNote: 'kep_status_note',
  /** The coding-period increment the KEP's remaining work lands in (only with a coding period). */
  kepStatusIncrement: 'kep_status_increment',
  voteConcern: 'vote_concern',
  /** Inputs of the vote start modal. */
  voteQuestion: 'vote_question',
  voteElectorateKind: 'vote_electorate_kind',
  voteChannel: 'vote_channel',
  voteUsergroup: 'vote_usergroup',
  votePeople: 'vote_people',
  voteDuration: 'vote_duration',
  voteQuorum: 'vote_quorum',
  voteHideValues: 'vote_hide_values',
  voteLink: 'vote_link',
  voteKeps: 'vote_keps',
  roundPrefix: 'round',
  votePrefix: 'vote',
  blockerPrefix: 'blocker',
  exceptionPrefix: 'exception',
  /** Plan modal: the KEP picker (many candidates), and per-KEP rows `plan_increments:4222`… */
  planPick: 'plan_pick',
  planIncrementsPrefix: 'plan_increments',
  planDependsPrefix: 'plan_depends',
  planNotePrefix: 'plan_note',
  /** Exception request modal: the release team's questions. */
  exceptionKep: 'exception_kep',
  exceptionFreeze: 'exception_freeze',
  exceptionMissing: 'exception_missing',
  exceptionTime: 'exception_time',
  exceptionRisk: 'exception_risk',
  exceptionPrs: 'exception_prs',
  /** The pulse DM's buttons (`pulse:v1.35`) and the comment modal's input. */
  pulsePrefix: 'pulse',
  pulseComment: 'pulse_comment',
} as const;

/** Events API event types the bot subscribes to. */
export const events = {
  appHomeOpened: 'app_home_opened',
  /** Replies in the retrospective's threads (`message.channels`, `message.groups` in the manifest). */
  message: 'message',
  /** Reactions on retrospective items: votes. */
  reactionAdded: 'reaction_added',
  reactionRemoved: 'reaction_removed',
} as const;

/** Any slash command this app registers. */
export type CommandName = (typeof commands)[keyof typeof commands];
/** Any view callback_id this app uses. */
export type ViewCallbackId = (typeof views)[keyof typeof views];
