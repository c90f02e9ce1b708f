import { describe, expect, it } from 'vitest';
import { formBodyProblem, jsonBodyProblem } from '../../src/slack/request-window.ts';

describe('bodies that cannot be Slack requests', () => {
  it.each([
    ['payload=null', 'the payload field must be an object, not null'],
    ['payload=42', 'the payload field must be an object, not number'],
    ['payload=%5B%5D', 'the payload field must be an object, not an array'],
    ['payload=%7B%22type%22%3A%22block_actions%22%7D', null],
    ['payload=%7B', null],
    ['command=%2Fkep-status&text=5593', null],
  ])('form %s', (body, problem) => {
    expect(formBodyProblem(body)).toBe(problem);
  });

  it.each([
    ['null', 'a JSON body must be an object, not null'],
    ['{"type":"url_verification"}', null],
    ['{', null],
  ])('JSON %s', (body, problem) => {
    expect(jsonBodyProblem(body)).toBe(problem);
  });
});
