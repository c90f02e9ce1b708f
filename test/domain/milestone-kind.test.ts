import { describe, expect, it } from 'vitest';
import { classifyMilestone } from '../../src/domain/milestone-kind.ts';

describe('classifyMilestone', () => {
  it.each([
    ['Start of Release Cycle', 'cycle-start'],
    ['Release cycle begins', 'cycle-start'],
    ['Start Enhancements Tracking', null],
    ['Begin Production Readiness Freeze', 'prr-freeze'],
    ['PRR Freeze', 'prr-freeze'],
    ['Begin Enhancements Freeze', 'enhancements-freeze'],
    ['Enhancement Freeze', 'enhancements-freeze'],
    ['Call for PRR and Enhancement Freeze Exceptions', 'exceptions-call'],
    ['Call for Exceptions', 'exceptions-call'],
    ['Call for Code Freeze Exceptions', 'exceptions-call'],
    ['Begin Feature blog freeze - Open placeholder PRs', 'feature-blog-freeze'],
    ['Brace Yourself, Code Freeze is Coming', null],
    ['Begin Code Freeze and Test Freeze', 'code-freeze'],
    ['Code Freeze', 'code-freeze'],
    ['Docs Freeze', 'docs-freeze'],
    ['Docs deadline — Open placeholder PRs', null],
    ['Begin Burndown (Monday, Wednesday, and Friday meetings)', 'burndown'],
    ['Burndown Meetings daily (Tuesday & Thursday over Slack)', null],
    ['v1.35.0-alpha.1 released', 'alpha'],
    ['v1.35.0-beta.0 released', 'beta'],
    ['v1.34.0-rc.1 released (additional release cut for critical bug fix)', 'rc'],
    ['v1.35.0 released', 'release'],
    ['Kubernetes v1.35.0 released', 'release'],
    ['release-1.35 branch created', null],
    ['Release blog ready to review', null],
    ['Release blog published', null],
    ['Thaw', 'thaw'],
    ['Code Freeze lifted', 'thaw'],
    ['KubeCon NA', null],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyMilestone(name)).toBe(kind);
  });
});
