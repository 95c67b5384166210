/**
 * Shared bits of the emulator tests: a tiny fetch wrapper and valid request bodies to vary.
 */
import type { SeedScript } from '../../emulator/server.js';
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { EMULATOR_TOKEN } from '../support/emulator.js';

/** A decoded answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown>;
}

/** Options of one call. */
export interface CallOptions {
  readonly body?: unknown;
  /** X-Auth-Token; `null` sends none. Default: the emulator's default token. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

/** Calls the emulator with fetch and decodes the JSON body. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const token = options.token === undefined ? EMULATOR_TOKEN : options.token;
  if (token !== null) headers['X-Auth-Token'] = token;
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  const json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  return { status: response.status, headers: response.headers, json };
}

/** Raw answer of a node:http request (lets a test set the Host header itself). */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A parameter of the create/modify bodies. */
export interface TestParam {
  param_name: string;
  param_value: string;
  param_description: string;
  param_order: number;
  sensitive: boolean;
}

/** A valid create body (the fields of docs/coc-api.md §4.2); override any part. */
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'backup_db',
    type: 'SHELL',
    description: 'Nightly database backup',
    content: '#!/bin/bash\npg_dump -h "${db_host}" app > /tmp/app.sql\n',
    enterprise_project_id: '0',
    properties: {
      risk_level: 'HIGH',
      version: '1.2.0',
      protocol: 'EMAIL',
      reviewers: [{ reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' }],
    },
    script_params: [param('db_host', 'db.internal', false, 1), param('db_password', 'S3cret=+@x', true, 2)],
    ...overrides,
  };
}

/** A valid modify body; override any part. */
export function modifyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { name: _name, type: _type, enterprise_project_id: _project, ...rest } = createBody();
  return { ...rest, ...overrides };
}

/** One script parameter. */
export function param(name: string, value: string, sensitive = false, order = 1): TestParam {
  return {
    param_name: name,
    param_value: value,
    param_description: `${name} value`,
    param_order: order,
    sensitive,
  };
}

/** Properties without reviewers. */
export const NO_REVIEW = { risk_level: 'LOW', version: '1.0.0' };

/** A minimal seed script without reviewers; `overrides` replace whole fields. */
export function seedScript(name: string, overrides: Partial<SeedScript> = {}): SeedScript {
  return {
    name,
    type: 'SHELL',
    description: 'd',
    content: 'echo hi',
    properties: { ...NO_REVIEW },
    ...overrides,
  };
}

/** Creates a script through the API (createBody + overrides) and returns its uuid. */
export async function createScript(base: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(base, 'POST', '/v1/job/scripts', { body: createBody(overrides) });
  expect(answer.status).toBe(200);
  return answer.json['data'] as string;
}

/** Reads `data` of an answer as a record. */
export function dataOf(answer: Answer): Record<string, unknown> {
  return answer.json['data'] as Record<string, unknown>;
}

/** Typed wrappers of vitest's asymmetric matchers (they are `any`, which lint forbids). */
export const anyString: unknown = expect.any(String);
/** Matches any number. */
export const anyNumber: unknown = expect.any(Number);
/** Matches a string against a pattern. */
export function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern);
}
/** Matches a string containing `part`. */
export function containing(part: string): unknown {
  return expect.stringContaining(part);
}

/** Percent-encoding of docs/coc-api.md §8.2 step 5, written again here so tests do not trust src/auth. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Input of testSign. */
export interface TestSignInput {
  readonly method: string;
  readonly url: string;
  /** Headers to send and sign besides host and X-Sdk-Date. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly date: Date;
}

/** An independent SDK-HMAC-SHA256 signer for tests; returns the headers to send. */
export function testSign(input: TestSignInput): Record<string, string> {
  const url = new URL(input.url);
  const sdkDate = input.date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const signed: Record<string, string> = { host: url.host, 'x-sdk-date': sdkDate };
  for (const [name, value] of Object.entries(input.headers)) signed[name.toLowerCase()] = value;
  const names = Object.keys(signed).sort();
  const path = url.pathname
    .split('/')
    .map((s) => encode(decodeURIComponent(s)))
    .join('/');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const canonical = [
    input.method,
    path.endsWith('/') ? path : `${path}/`,
    query,
    names.map((n) => `${n}:${(signed[n] ?? '').trim()}\n`).join(''),
    names.join(';'),
    createHash('sha256').update(input.body).digest('hex'),
  ].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${sdkDate}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', input.secretKey).update(toSign).digest('hex');
  const authorization = `SDK-HMAC-SHA256 Access=${input.accessKey}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { ...input.headers, 'X-Sdk-Date': sdkDate, Authorization: authorization };
}
