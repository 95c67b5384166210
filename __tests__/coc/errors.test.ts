import { describe, expect, it } from 'vitest';
import type { CocApiErrorDetails } from '../../src/coc/errors.js';
import { CocApiError, isNotFound, isValidationCode } from '../../src/coc/errors.js';
import { SyncError } from '../../src/errors.js';

describe('CocApiError messages', () => {
  const cases: { name: string; details: CocApiErrorDetails; message: string }[] = [
    {
      name: 'COC duplicate name on create',
      details: {
        operation: 'creating',
        target: 'backup_db',
        kind: 'api',
        httpStatus: 400,
        code: 'COC.00040601',
        apiMessage: 'Exist script with same name: backup_db',
      },
      message: 'COC.00040601: Exist script with same name: backup_db (HTTP 400) while creating backup_db',
    },
    {
      name: 'gateway throttling on list',
      details: {
        operation: 'listing',
        kind: 'api',
        httpStatus: 429,
        code: 'APIGW.0308',
        apiMessage: 'The throttling threshold has been reached',
      },
      message: 'APIGW.0308: The throttling threshold has been reached (HTTP 429) while listing scripts',
    },
    {
      name: 'no error body',
      details: { operation: 'updating', target: 'SC1', kind: 'api', httpStatus: 502 },
      message: 'request failed (HTTP 502) while updating SC1',
    },
    {
      name: 'timeout',
      details: {
        operation: 'reading',
        target: 'SC2023110211155901a700000',
        kind: 'timeout',
        timeoutSeconds: 30,
      },
      message: 'timed out after 30 s while reading SC2023110211155901a700000',
    },
    {
      name: 'network',
      details: {
        operation: 'deleting',
        target: 'SC1',
        kind: 'network',
        apiMessage: 'ECONNRESET: socket hang up',
      },
      message: 'connection failed (ECONNRESET: socket hang up) while deleting SC1',
    },
  ];
  it.each(cases)('$name', ({ details, message }) => {
    const error = new CocApiError(details);
    expect(error.message).toBe(message);
    expect(error).toBeInstanceOf(SyncError);
    expect(error.name).toBe('CocApiError');
  });

  it.each([
    { status: 401, reason: 'auth' },
    { status: 403, reason: 'auth' },
    { status: 400, reason: 'api-error' },
    { status: 503, reason: 'api-error' },
  ])('HTTP $status → reason $reason', ({ status, reason }) => {
    expect(new CocApiError({ operation: 'listing', kind: 'api', httpStatus: status }).reason).toBe(reason);
  });

  it('toApiErrorInfo carries code, status and request id', () => {
    const error = new CocApiError({
      operation: 'creating',
      target: 'x',
      kind: 'api',
      httpStatus: 400,
      code: 'COC.00040601',
      apiMessage: 'bad',
      requestId: 'req-1',
    });
    expect(error.toApiErrorInfo()).toEqual({
      message: 'COC.00040601: bad (HTTP 400) while creating x',
      code: 'COC.00040601',
      httpStatus: 400,
      requestId: 'req-1',
    });
    expect(
      new CocApiError({
        operation: 'reading',
        target: 'x',
        kind: 'timeout',
        timeoutSeconds: 1,
      }).toApiErrorInfo(),
    ).toEqual({
      message: 'timed out after 1 s while reading x',
    });
  });
});

describe('classification', () => {
  it.each([
    { code: 'COC.00040601', status: 400, found: true },
    { code: 'COC.00040603', status: 400, found: true },
    { code: 'COC.00040604', status: 400, found: true },
    { code: 'COC.00040701', status: 400, found: false },
    { code: 'APIGW.0101', status: 404, found: false },
  ])('isNotFound $code', ({ code, status, found }) => {
    expect(isNotFound(new CocApiError({ operation: 'reading', kind: 'api', httpStatus: status, code }))).toBe(
      found,
    );
  });
  it('isNotFound ignores other errors', () => {
    expect(isNotFound(new Error('COC.00040603'))).toBe(false);
  });
  it.each([
    {
      name: 'English duplicate name',
      code: 'COC.00040601',
      message: 'Exist script with same name: a',
      is: true,
    },
    { name: 'Chinese duplicate name', code: 'COC.00040601', message: '存在同名脚本: a', is: true },
    {
      name: 'another validation failure',
      code: 'COC.00040601',
      message: 'The paramValue is invalid.',
      is: true,
    },
    { name: 'internal error', code: 'COC.00040701', message: 'internal error', is: false },
  ])('isValidationCode: $name', ({ code, message, is }) => {
    expect(
      isValidationCode(
        new CocApiError({ operation: 'creating', kind: 'api', httpStatus: 400, code, apiMessage: message }),
      ),
    ).toBe(is);
  });
});
