import { describe, expect, it } from 'vitest';
import { defaultBoardFieldNames } from '../../src/domain/board.ts';
import {
  boardExceptionOf,
  boardFieldsForRequest,
  linksIn,
  trackingStatusForException,
} from '../../src/domain/board-exception.ts';
import type { ExceptionRequest } from '../../src/domain/exception.ts';

describe('exception requests on the board', () => {
  it('reads nothing when Exception Request Type is blank', () => {
    expect(boardExceptionOf(42, { Status: 'Exception Pending', 'Exception Status': 'In Review' })).toBeNull();
  });

  it.each([
    ['PRR Freeze', 'prr-freeze'],
    ['Enhancements Freeze', 'enhancements-freeze'],
    ['Code and Test Freeze', 'code-freeze'],
    ['code & test freeze', null],
    ['docs freeze', 'docs-freeze'],
  ])('type %s is freeze %s', (type, freeze) => {
    expect(boardExceptionOf(1, { 'Exception Request Type': type })?.freeze).toBe(freeze);
  });

  it.each([
    ['In Review', 'open'],
    ['approved', 'approved'],
    ['REJECTED', 'rejected'],
    ['Pending', null],
  ])('status %s is %s', (text, status) => {
    expect(
      boardExceptionOf(1, { 'Exception Request Type': 'Docs Freeze', 'Exception Status': text })?.status,
    ).toBe(status);
  });

  it('reads renamed fields by the configured names, and every link of the PR field', () => {
    const names = { ...defaultBoardFieldNames, exceptionType: 'Exception Type', exceptionPrs: 'PRs' };
    const found = boardExceptionOf(
      7,
      { 'exception type': 'Docs Freeze', PRs: 'see https://a.example/1\nhttps://a.example/2;' },
      names,
    );
    expect(found).toMatchObject({
      kep: 7,
      freeze: 'docs-freeze',
      pullRequests: ['https://a.example/1', 'https://a.example/2'],
    });
    expect(linksIn(null)).toEqual([]);
  });

  it('says what the board should carry for a Slack request, through its lifecycle', () => {
    const request = {
      kep: 4222,
      freeze: 'code-freeze',
      status: 'open',
      pullRequests: [
        'https://github.com/kubernetes/kubernetes/pull/1',
        'https://github.com/kubernetes/kubernetes/pull/2',
      ],
      additionalTime: '3 days',
      requestedAt: '2026-02-10T09:00:00.000Z',
      decidedAt: null,
    } as unknown as ExceptionRequest;
    expect(boardFieldsForRequest(request, 'https://k8s.slack.com/archives/C1/p2')).toEqual({
      status: 'Exception Pending',
      exceptionType: 'Code and Test Freeze',
      exceptionStatus: 'In Review',
      exceptionPrs:
        'https://github.com/kubernetes/kubernetes/pull/1 https://github.com/kubernetes/kubernetes/pull/2',
      exceptionAdditionalTime: '3 days',
      exceptionRequestDate: '2026-02-10',
      exceptionSlackThread: 'https://k8s.slack.com/archives/C1/p2',
    });
    const decided = {
      ...request,
      status: 'rejected',
      decidedAt: '2026-02-11T12:00:00.000Z',
    } as ExceptionRequest;
    expect(boardFieldsForRequest(decided, null)).toMatchObject({
      status: 'Removed From Milestone',
      exceptionStatus: 'Rejected',
      exceptionDecisionDate: '2026-02-11',
    });
    expect(trackingStatusForException('approved')).toBe('Exception Approved');
  });
});
