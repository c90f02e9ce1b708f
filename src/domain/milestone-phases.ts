/**
 * What each milestone means, condensed from kubernetes/sig-release `release_phases.md`, one line
 * per kind, for deadline alerts.
 */
import type { MilestoneKind } from './types.ts';

export const milestoneMeaning: Partial<Record<MilestoneKind, string>> = {
  'prr-freeze':
    'By PRR Freeze every KEP in the milestone needs the `lead-opted-in` label, a filled-in PRR questionnaire, and a PRR approval file naming an approver for its target stage (a PR is enough; the review may come later). After it, no new KEPs may be opted in without an exception.',
  'enhancements-freeze':
    'By Enhancements Freeze every KEP must meet the PRR requirements and have merged: `status: implementable`, `latest-milestone` and `milestone.<stage>` set to this release, a README on the latest template with graduation criteria and test plan, and a completed PRR. Anything else leaves the milestone and needs an exception.',
  'exceptions-call':
    'Exception requests must reach the release team within three days of the freeze they concern.',
  'feature-blog-freeze':
    'Last day to opt in to a feature blog for an enhancement in this release; after it, ask the release comms lead in #sig-release.',
  'code-freeze':
    'By Code Freeze all enhancement code, tests and docs PRs must be merge-ready (`approved` and `lgtm`); afterwards only release-blocking fixes in the milestone may merge. Test Freeze starts too.',
  'docs-freeze':
    'By Docs Freeze every enhancement that needs documentation has its docs PR ready to merge (technical review, `lgtm` and `approve`, no open comments); later docs need an exception.',
  burndown:
    'Burndown: release team meetings get more frequent to burn down outstanding issues and PRs; SIGs with release-blocking work may be asked to attend.',
  release: 'Release day: the release is cut and published.',
  thaw: 'Thaw ends Code and Test Freeze; changes for this release are cherry-picked from now on.',
};
