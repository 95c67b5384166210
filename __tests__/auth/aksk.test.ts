import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  EMPTY_BODY_SHA256,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  percentEncode,
  sha256Hex,
  signaturesEqual,
  signRequest,
  stringToSign,
} from '../../src/auth/aksk.js';

const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'exampleSecretKey0123456789abcdefEXAMPLE0';
const DATE = new Date(Date.UTC(2025, 10, 24, 9, 30, 0));
const PROJECT = '0123456789abcdef0123456789abcdef';
const BASE_HEADERS = { 'Content-Type': 'application/json', 'X-Project-Id': PROJECT, 'X-Language': 'en-us' };
const UUID_URL = 'https://coc.myhuaweicloud.com/v1/job/scripts/SC2023110211155901a700000';
const PUT_BODY =
  '{"description":"Nightly backup / 夜间备份","content":"#!/bin/bash\\necho \\"${db_host}\\"\\n","properties":{"risk_level":"HIGH","version":"1.2.0","reviewers":[{"reviewer_name":"alice","reviewer_id":"1994a3ed905a47ad82c6000000000000"}],"protocol":"EMAIL"},"script_params":[{"param_name":"db_host","param_value":"db.internal","param_description":"database host","param_order":1,"sensitive":false},{"param_name":"db_password","param_value":"S3cret=+@x","param_description":"database password","param_order":2,"sensitive":true}]}';
const STD_SIGNED = 'content-type;host;x-language;x-project-id;x-sdk-date';

interface Vector {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly canonicalHash: string | undefined;
  readonly authorization: string;
}

const vectors: Vector[] = [
  {
    name: '9.1 GET list with non-ASCII name_like',
    method: 'GET',
    url: 'https://coc.myhuaweicloud.com/v1/job/scripts?limit=100&marker=6229&name_like=%E5%A4%87%E4%BB%BD_db&enterprise_project_id=0',
    headers: BASE_HEADERS,
    body: undefined,
    accessKey: AK,
    secretKey: SK,
    canonicalHash: '62b4893a9aa70e198745a371a15eee8363a64204bbd90f69158a6efa70051768',
    authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${STD_SIGNED}, Signature=b2163bd577a0588dcdf72132785444cc8477ef570b6f032c0c97d04932546683`,
  },
  {
    name: '9.2 PUT modify with JSON body',
    method: 'PUT',
    url: UUID_URL,
    headers: BASE_HEADERS,
    body: PUT_BODY,
    accessKey: AK,
    secretKey: SK,
    canonicalHash: 'fe71342d8d1e7a087413c83e7c1003f72b9ee373499e8e3c34a3a8fdcf3ae4b0',
    authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${STD_SIGNED}, Signature=b5b050a1a90c319f6c55cfe9ce27569fe2bc895c6403315411e178a8d0388075`,
  },
  {
    name: '9.3 DELETE',
    method: 'DELETE',
    url: UUID_URL,
    headers: BASE_HEADERS,
    body: undefined,
    accessKey: AK,
    secretKey: SK,
    canonicalHash: '32abb349366238f27e2cf855864cc40ffbffc3587b0e0fd53a0fbe1ffaa98579',
    authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${STD_SIGNED}, Signature=17b78ce3c4517f29c29838713608f176672e5902dbb9034e1cc82cd2b6b41b11`,
  },
  {
    name: '9.4 DELETE with temporary credentials',
    method: 'DELETE',
    url: UUID_URL,
    headers: { ...BASE_HEADERS, 'X-Security-Token': 'EXAMPLE-SECURITY-TOKEN' },
    body: undefined,
    accessKey: AK,
    secretKey: SK,
    canonicalHash: '128faf26321fd4187d3878a5af1da602fc15b4e53c0f6e0341ac6e3f18da7ff6',
    authorization: `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${STD_SIGNED};x-security-token, Signature=94115629d787f42f400232db6cd8e01082431fb51448fe3d699a6c818fb57020`,
  },
  {
    name: '9.5 minimal loopback with port',
    method: 'GET',
    url: 'http://127.0.0.1:8080/v1/job/scripts',
    headers: {},
    body: undefined,
    accessKey: 'A',
    secretKey: 'S',
    canonicalHash: undefined,
    authorization:
      'SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-sdk-date, Signature=42a2db1fde50cce580eaf59a411d41449f117f2e94ff43e9c6aa8b9b1d1a3f4f',
  },
];

function lowerHeaders(url: string, headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { host: new URL(url).host, 'x-sdk-date': '20251124T093000Z' };
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

describe('signing test vectors (docs/coc-api.md §9)', () => {
  it.each(vectors)('$name: Authorization matches byte for byte', (v) => {
    const signed = signRequest({ ...v, date: DATE });
    expect(signed.authorization).toBe(v.authorization);
    expect(signed.headers['Authorization']).toBe(v.authorization);
    expect(signed.headers['X-Sdk-Date']).toBe('20251124T093000Z');
  });

  it.each(vectors.filter((v) => v.canonicalHash !== undefined))('$name: canonical request hash', (v) => {
    const url = new URL(v.url);
    const headers = lowerHeaders(v.url, v.headers);
    const canonical = canonicalRequest({
      method: v.method,
      path: url.pathname,
      query: url.search,
      headers,
      signedHeaders: Object.keys(headers),
      body: v.body ?? '',
    });
    expect(sha256Hex(canonical)).toBe(v.canonicalHash);
    expect(stringToSign('20251124T093000Z', canonical)).toBe(
      `SDK-HMAC-SHA256\n20251124T093000Z\n${v.canonicalHash}`,
    );
  });

  it('9.1 canonical request text is exact', () => {
    const v = vectors[0]!;
    const url = new URL(v.url);
    const headers = lowerHeaders(v.url, v.headers);
    expect(
      canonicalRequest({
        method: 'GET',
        path: url.pathname,
        query: url.search,
        headers,
        signedHeaders: Object.keys(headers),
        body: '',
      }),
    ).toBe(
      [
        'GET',
        '/v1/job/scripts/',
        'enterprise_project_id=0&limit=100&marker=6229&name_like=%E5%A4%87%E4%BB%BD_db',
        'content-type:application/json',
        'host:coc.myhuaweicloud.com',
        'x-language:en-us',
        `x-project-id:${PROJECT}`,
        'x-sdk-date:20251124T093000Z',
        '',
        STD_SIGNED,
        EMPTY_BODY_SHA256,
      ].join('\n'),
    );
  });

  it('9.2 body is 525 bytes with the documented hash', () => {
    expect(Buffer.byteLength(PUT_BODY, 'utf8')).toBe(525);
    expect(sha256Hex(PUT_BODY)).toBe('a8c20b0f7cf938db484556eaf6cf2d9fa89ec3d75f54b596edb0b0fc92e4adc9');
  });

  it('computeSignature (emulator verification path) reproduces 9.4 from received parts', () => {
    const v = vectors[3]!;
    const url = new URL(v.url);
    const parsed = parseAuthorization(v.authorization);
    expect(parsed).toBeDefined();
    const signature = computeSignature({
      method: 'DELETE',
      path: url.pathname,
      query: '',
      headers: lowerHeaders(v.url, v.headers),
      signedHeaders: parsed!.signedHeaders,
      body: Buffer.alloc(0),
      secretKey: SK,
      sdkDate: '20251124T093000Z',
    });
    expect(signaturesEqual(signature, parsed!.signature)).toBe(true);
    expect(parsed!.accessKey).toBe(AK);
  });
});

describe('building blocks', () => {
  it.each([
    { name: 'unreserved kept', input: 'AZaz09-._~', expected: 'AZaz09-._~' },
    { name: 'space is %20', input: 'a b', expected: 'a%20b' },
    { name: 'star and slash', input: '*/', expected: '%2A%2F' },
    { name: 'plus and equals', input: '+=', expected: '%2B%3D' },
    { name: 'CJK as UTF-8', input: '备份', expected: '%E5%A4%87%E4%BB%BD' },
    { name: 'emoji (4 bytes)', input: '😀', expected: '%F0%9F%98%80' },
  ])('percentEncode: $name', ({ input, expected }) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it.each([
    { name: 'appends slash', input: '/v1/job/scripts', expected: '/v1/job/scripts/' },
    { name: 'keeps slash', input: '/v1/', expected: '/v1/' },
    { name: 'root', input: '/', expected: '/' },
    { name: 'encodes segment', input: '/a%20b/c', expected: '/a%20b/c/' },
  ])('canonicalUri: $name', ({ input, expected }) => {
    expect(canonicalUri(input)).toBe(expected);
  });

  it.each([
    { name: 'empty', input: '', expected: '' },
    { name: 'sorted by name', input: '?b=2&a=1', expected: 'a=1&b=2' },
    { name: 'equal names by value', input: 'a=2&a=1', expected: 'a=1&a=2' },
    { name: 'valueless', input: 'flag&a=1', expected: 'a=1&flag=' },
    { name: 'plus stays a plus', input: 'q=a+b', expected: 'q=a%2Bb' },
    { name: 're-encodes', input: 'q=%2a%20x', expected: 'q=%2A%20x' },
  ])('canonicalQueryString: $name', ({ input, expected }) => {
    expect(canonicalQueryString(input)).toBe(expected);
  });

  it.each([
    { name: 'vector date', date: DATE, expected: '20251124T093000Z' },
    {
      name: 'drops milliseconds',
      date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
      expected: '20260102T030405Z',
    },
  ])('formatSdkDate: $name', ({ date, expected }) => {
    expect(formatSdkDate(date)).toBe(expected);
    expect(parseSdkDate(expected)?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
  });

  it.each(['2025-11-24T09:30:00Z', '20251324T093000Z', '20251124T093000'])(
    'parseSdkDate rejects %s',
    (value) => {
      expect(parseSdkDate(value)).toBeUndefined();
    },
  );

  it.each(['Bearer x', 'SDK-HMAC-SHA256 Access=A,SignedHeaders=host,Signature=00', ''])(
    'parseAuthorization rejects %j',
    (value) => {
      expect(parseAuthorization(value)).toBeUndefined();
    },
  );

  it('trims header values and honours X-Sdk-Content-Sha256', () => {
    const base = {
      method: 'POST',
      path: '/x',
      query: '',
      signedHeaders: ['host', 'x-sdk-date'],
      body: 'abc',
    };
    const a = canonicalRequest({ ...base, headers: { host: ' h ', 'x-sdk-date': 'd' } });
    expect(a).toContain('host:h\n');
    expect(a.endsWith(sha256Hex('abc'))).toBe(true);
    const b = canonicalRequest({
      ...base,
      headers: { host: 'h', 'x-sdk-date': 'd', 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' },
      signedHeaders: ['host', 'x-sdk-date', 'x-sdk-content-sha256'],
    });
    expect(b.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('does not sign User-Agent, Accept or Authorization and replaces a stale X-Sdk-Date', () => {
    const signed = signRequest({
      method: 'GET',
      url: 'http://h/p',
      headers: { 'User-Agent': 'x', Accept: 'y', authorization: 'old', 'x-sdk-date': 'old' },
      body: undefined,
      accessKey: 'A',
      secretKey: 'S',
      date: DATE,
    });
    expect(signed.signedHeaders).toEqual(['host', 'x-sdk-date']);
    expect(Object.keys(signed.headers).sort()).toEqual([
      'Accept',
      'Authorization',
      'User-Agent',
      'X-Sdk-Date',
    ]);
  });
});

interface SdkRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  data?: unknown;
}
interface SdkSigner {
  sign(request: SdkRequest, credential: { getAk: () => string; getSk: () => string }): Record<string, string>;
}
const require = createRequire(import.meta.url);
const sdk = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as { AKSKSigner: SdkSigner };

const queryName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const queryValue = fc.string({ unit: 'grapheme', maxLength: 16 });
const headerValue = fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/);
const jsonBody = fc.option(
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean()),
  ),
  {
    nil: undefined,
  },
);

describe('cross-check against the official Node SDK signer', () => {
  it('agrees on generated requests (ports, non-ASCII query values, bodies, extra headers)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.constantFrom('coc.myhuaweicloud.com', '127.0.0.1:8080', 'localhost:65535', 'example.eu:8443'),
        fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { minLength: 1, maxLength: 4 }),
        fc.dictionary(queryName, queryValue, { maxKeys: 4 }),
        fc.dictionary(fc.stringMatching(/^x-[a-z]{1,10}$/), headerValue, { maxKeys: 3 }),
        jsonBody,
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (method, host, segments, query, extra, body, secretKey, rawDate) => {
          const date = new Date(Math.floor(rawDate.getTime() / 1000) * 1000);
          const path = `/${segments.join('/')}`;
          const search = Object.entries(query)
            .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
            .join('&');
          const headers = { 'content-type': 'application/json', ...extra };
          const bodyText = body === undefined ? undefined : JSON.stringify(body);
          const ours = signRequest({
            method,
            url: `http://${host}${path}${search ? `?${search}` : ''}`,
            headers,
            body: bodyText,
            accessKey: 'AK',
            secretKey,
            date,
          });
          const theirs = sdk.AKSKSigner.sign(
            {
              endpoint: `http://${host}${path}`,
              method,
              headers: { ...headers, 'X-Sdk-Date': formatSdkDate(date) },
              queryParams: query,
              ...(body === undefined ? {} : { data: body }),
            },
            { getAk: () => 'AK', getSk: () => secretKey },
          );
          expect(ours.authorization).toBe(theirs['Authorization']);
        },
      ),
      { numRuns: 300 },
    );
  });
});
