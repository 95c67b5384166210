/**
 * Request-body checks of the script API, written from docs/coc-api.md §3 and the adopted readings of
 * §7 (param_value ≤1024 and the intersection charset, CJK names, ≤20 params, version N.N.N).
 * Messages follow the real API's "The paramValue is invalid." style and then name the field.
 */
import type { SeedParam, SeedReviewer } from './types.js';

/** Either the checked value or the message of the first problem. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Properties as stored after validation. */
export interface CheckedProperties {
  risk_level: string;
  version: string;
  reviewers?: SeedReviewer[];
  protocol?: string;
}

const NAME = /^[\u4E00-\u9FA5A-Za-z0-9_]+$/;
const PARAM_NAME = /^[A-Za-z0-9_]+$/;
const PARAM_VALUE = /^(?!.*\.\.)[A-Za-z0-9 _\-/.*?:",=+@[\]{}]+$/;
const VERSION = /^\d+\.\d+\.\d+$/;
/** Script types accepted by create. */
export const SCRIPT_TYPES = ['SHELL', 'PYTHON', 'BAT'] as const;
/** Risk levels accepted by create, modify and the list filter. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
const PROTOCOLS = [
  'DEFAULT',
  'SMS',
  'EMAIL',
  'DING_TALK',
  'WE_LINK',
  'WECHAT',
  'CALLNOTIFY',
  'NOT_TO_NOTIFY',
];

/** Thrown inside a check and turned into a `Checked` failure at the boundary. */
class Invalid extends Error {}

/** Throws the "The <label> is invalid. <field>: <reason>." failure. */
export function fail(label: string, field: string, reason: string): never {
  throw new Invalid(`The ${label} is invalid. ${field}: ${reason}.`);
}

/** Length in characters (code points), as the SDK validators count. */
export function charLength(text: string): number {
  return [...text].length;
}

/** Runs a throwing check and converts an Invalid into a failure. */
export function attempt<T>(check: () => T): Checked<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, message: error.message };
    throw error;
  }
}

/** A plain JSON object or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A string of min..max characters, else Invalid naming the field. */
export function text(value: unknown, label: string, field: string, min: number, max: number): string {
  if (typeof value !== 'string') fail(label, field, 'must be a string');
  const length = charLength(value);
  if (length < min || length > max) fail(label, field, `length must be ${min} to ${max} characters`);
  return value;
}

/** One of the allowed values, else Invalid naming the field and the values. */
export function oneOf(value: unknown, label: string, field: string, allowed: readonly string[]): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    fail(label, field, `must be one of ${allowed.join(', ')}`);
  }
  return value;
}

/** `name` of a create body. */
export function checkName(value: unknown): string {
  const name = text(value, 'name', 'name', 1, 64);
  if (!NAME.test(name)) fail('name', 'name', 'only letters, digits, _ and Chinese characters are allowed');
  return name;
}

function checkReviewers(value: unknown): SeedReviewer[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail('reviewers', 'properties.reviewers', 'must be a list');
  if (value.length > 5) fail('reviewers', 'properties.reviewers', 'at most 5 reviewers are allowed');
  return value.map((item: unknown, index) => {
    const field = `properties.reviewers[${index}]`;
    const reviewer = asObject(item) ?? fail('reviewers', field, 'must be an object');
    return {
      reviewer_name: text(reviewer['reviewer_name'], 'reviewerName', `${field}.reviewer_name`, 1, 64),
      reviewer_id: text(reviewer['reviewer_id'], 'reviewerId', `${field}.reviewer_id`, 0, 32),
    };
  });
}

/** `properties` of a create or modify body. */
export function checkProperties(value: unknown): CheckedProperties {
  const props = asObject(value) ?? fail('properties', 'properties', 'must be an object');
  const version = text(props['version'], 'version', 'properties.version', 1, 10);
  if (!VERSION.test(version)) fail('version', 'properties.version', 'must look like 1.0.0');
  const result: CheckedProperties = {
    risk_level: oneOf(props['risk_level'], 'riskLevel', 'properties.risk_level', RISK_LEVELS),
    version,
  };
  const reviewers = checkReviewers(props['reviewers']);
  if (reviewers !== undefined) result.reviewers = reviewers;
  const protocol = props['protocol'];
  if (protocol !== undefined && protocol !== null) {
    result.protocol = oneOf(protocol, 'protocol', 'properties.protocol', PROTOCOLS);
  }
  return result;
}

function checkParam(item: unknown, index: number): SeedParam {
  const field = `script_params[${index}]`;
  const param = asObject(item) ?? fail('scriptParams', field, 'must be an object');
  const name = text(param['param_name'], 'paramName', `${field}.param_name`, 1, 64);
  if (!PARAM_NAME.test(name)) fail('paramName', `${field}.param_name`, 'only letters, digits and _');
  const value = text(param['param_value'], 'paramValue', `${field}.param_value`, 1, 1024);
  if (!PARAM_VALUE.test(value)) {
    fail(
      'paramValue',
      `${field}.param_value`,
      'allowed: letters, digits, space and _-/.*?:",=+@[]{} without ".."',
    );
  }
  const order = param['param_order'];
  if (typeof order !== 'number' || !Number.isInteger(order)) {
    fail('paramOrder', `${field}.param_order`, 'must be an integer');
  }
  const sensitive = param['sensitive'];
  if (typeof sensitive !== 'boolean') fail('sensitive', `${field}.sensitive`, 'must be a boolean');
  return {
    param_name: name,
    param_value: value,
    param_description: text(
      param['param_description'],
      'paramDescription',
      `${field}.param_description`,
      0,
      256,
    ),
    param_order: order,
    sensitive,
  };
}

/** `script_params`; `undefined` when absent or null (modify then keeps the old list). */
export function checkParams(value: unknown): SeedParam[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail('scriptParams', 'script_params', 'must be a list');
  if (value.length > 20) fail('scriptParams', 'script_params', 'at most 20 parameters are allowed');
  const params = value.map((item: unknown, index) => checkParam(item, index));
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.param_name)) fail('paramName', 'script_params', `duplicate name ${param.param_name}`);
    seen.add(param.param_name);
  }
  return params;
}
