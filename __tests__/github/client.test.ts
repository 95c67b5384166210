import { describe, expect, it } from 'vitest';
import { describeGitHubError, httpStatusOf } from '../../src/github/client.js';

const withStatus = (status: number) =>
  Object.assign(new Error('Resource not accessible by integration'), { status });

describe('GitHub error helpers', () => {
  it.each([
    { name: 'request error', error: withStatus(403), status: 403 },
    { name: 'plain error', error: new Error('x'), status: undefined },
    { name: 'string', error: 'boom', status: undefined },
    { name: 'status not a number', error: { status: '403' }, status: undefined },
  ])('httpStatusOf: $name', ({ error, status }) => {
    expect(httpStatusOf(error)).toBe(status);
  });

  it.each([
    { name: '403 explains forks and permissions', error: withStatus(403), hint: true },
    { name: '404 too (hidden repositories answer 404)', error: withStatus(404), hint: true },
    { name: '500 has no permission hint', error: withStatus(500), hint: false },
  ])('describeGitHubError: $name', ({ error, hint }) => {
    const text = describeGitHubError('Posting', error, 'write comments');
    expect(text).toMatch(/^Posting failed \(HTTP \d+\): Resource not accessible by integration/);
    expect(text.includes('forks get a read-only token')).toBe(hint);
  });
});
