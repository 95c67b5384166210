/**
 * The zod schema of one definition file (README, Definition format; docs/coc-api.md §3 and the adopted readings of §7).
 * The same schema feeds validation and the generated JSON Schema, so every rule that JSON Schema
 * can express is also attached as metadata (`pattern`, `minLength`, `oneOf`, …). Rules that span
 * several keys live in relations.ts because zod skips object refinements once a field failed.
 */
import { z } from 'zod';
import { PROTOCOLS, RISK_LEVELS, SCRIPT_TYPES } from '../model.js';
import {
  MAX_TAGS,
  OWNERSHIP_TAG_KEY,
  TAG_KEY_MAX,
  TAG_KEY_PATTERN,
  TAG_VALUE_ALLOWED,
  TAG_VALUE_MAX,
  TAG_VALUE_PATTERN,
  explainTagKey,
  explainTagValue,
} from '../common/tags.js';
import { characters, codePointLength, describeChar, firstRejectedChar } from '../common/text.js';

/** A set of allowed characters: a one-character test, its JSON Schema pattern and a rule text. */
interface Charset {
  readonly char: RegExp;
  readonly pattern: string;
  /** Message tail for a rejected character, e.g. `contains '#', which COC does not allow`. */
  readonly reject: (char: string) => string;
}

/** A whole-value format such as `N.N.N`. */
interface Format {
  readonly test: RegExp;
  readonly rule: string;
}

const PARAM_VALUE_ALLOWED = 'letters, digits, space and _ - / . * ? : " , = + @ [ ] { }';

export const SCRIPT_NAME_CHARSET: Charset = {
  char: /^[\u4E00-\u9FA5A-Za-z0-9_]$/u,
  pattern: '^[\\u4E00-\\u9FA5A-Za-z0-9_]+$',
  reject: (char) =>
    `contains ${describeChar(char)}; use only letters, digits, _ and Chinese characters (U+4E00–U+9FA5)`,
};

const PARAM_NAME_CHARSET: Charset = {
  char: /^[A-Za-z0-9_]$/u,
  pattern: '^[A-Za-z0-9_]+$',
  reject: (char) => `contains ${describeChar(char)}; use only letters, digits and _`,
};

/** docs/coc-api.md §7 row 3: the intersection of the documented character lists, and no `..`. */
export const PARAM_VALUE_CHARSET: Charset = {
  char: /^[A-Za-z0-9 _\-/.*?:",=+@[\]{}]$/u,
  pattern: '^(?!.*\\.\\.)[A-Za-z0-9 _\\-/.*?:",=+@\\[\\]{}]+$',
  reject: (char) =>
    `contains ${describeChar(char)}, which COC does not allow (allowed: ${PARAM_VALUE_ALLOWED})`,
};

const VERSION_FORMAT: Format = { test: /^\d+\.\d+\.\d+$/u, rule: 'must have the form N.N.N, e.g. "1.2.0"' };
const ENV_NAME_FORMAT: Format = {
  test: /^[A-Za-z_][A-Za-z0-9_]*$/u,
  rule: 'must be an environment variable name (letters, digits and _, not starting with a digit)',
};

/** The length rule a value breaks, if any (lengths in code points). */
function explainLength(value: string, min: number, max: number): string | undefined {
  // A string has between length/2 and length code points: count them only when that range
  // leaves the bounds in doubt (typical script content is far from both).
  if (value.length <= max && Math.ceil(value.length / 2) >= min) return undefined;
  const length = codePointLength(value);
  if (length < min) return min === 1 ? 'must not be empty' : `must have at least ${characters(min)}`;
  if (length > max) return `is too long: ${characters(length)}, at most ${max} allowed`;
  return undefined;
}

/** The problem with a string value, as a rule without the field name; undefined when valid. */
export function explainText(value: string, min: number, max: number, charset?: Charset): string | undefined {
  const bounds = explainLength(value, min, max);
  if (bounds !== undefined) return bounds;
  if (charset === PARAM_VALUE_CHARSET && value.includes('..'))
    return "contains '..', which COC does not allow";
  const rejected = charset ? firstRejectedChar(value, charset.char) : undefined;
  return rejected === undefined ? undefined : charset?.reject(rejected);
}

/**
 * The problem with a parameter value read from the environment, worded so that it reveals no
 * character of the (secret) value.
 */
export function explainSecretValue(value: string): string | undefined {
  const length = codePointLength(value);
  if (length > 1024) return `is too long: ${characters(length)}, at most 1024 allowed`;
  if (value.includes('..')) return "contains '..', which COC does not allow";
  if (firstRejectedChar(value, PARAM_VALUE_CHARSET.char) === undefined) return undefined;
  return `contains a character COC does not allow (allowed: ${PARAM_VALUE_ALLOWED})`;
}

function text(min: number, max: number, description: string, charset?: Charset, format?: Format) {
  const meta = {
    description,
    minLength: min,
    maxLength: max,
    ...(charset ? { pattern: charset.pattern } : {}),
  };
  return z
    .string()
    .superRefine((value, ctx) => {
      const rule =
        explainText(value, min, max, charset) ??
        (format?.test.test(value) === false ? format.rule : undefined);
      if (rule !== undefined) ctx.addIssue({ code: 'custom', message: rule });
    })
    .meta(format ? { ...meta, pattern: format.test.source } : meta);
}

const reviewerSchema = z
  .strictObject({
    name: text(1, 64, 'IAM user name of the reviewer (reviewer_name).'),
    id: text(0, 32, 'IAM user id of the reviewer (reviewer_id).'),
  })
  .meta({ title: 'Reviewer' });

const paramSchema = z
  .strictObject({
    name: text(1, 64, 'Parameter name: letters, digits and _; unique within the script.', PARAM_NAME_CHARSET),
    value: text(1, 1024, `Literal value: ${PARAM_VALUE_ALLOWED}; no "..".`, PARAM_VALUE_CHARSET).optional(),
    value_from_env: text(
      1,
      256,
      'Environment variable holding the value (e.g. a GitHub Environment variable or secret). With sensitive: true it is a secret: masked and never compared; otherwise it is shown and compared like a literal value.',
      undefined,
      ENV_NAME_FORMAT,
    ).optional(),
    description: text(0, 256, 'Parameter description (default "").').optional(),
    sensitive: z
      .boolean()
      .meta({ description: 'COC masks the value when read back.', default: false })
      .optional(),
  })
  .meta({
    title: 'Parameter',
    oneOf: [{ required: ['value'] }, { required: ['value_from_env'] }],
  });

/**
 * A tag key: the TMS rules, and not the ownership tag's key, which the action writes itself.
 * `__proto__` would vanish on its way through a plain object, so it is refused rather than lost.
 */
const tagKeySchema = z
  .string()
  .superRefine((key, ctx) => {
    const rule =
      explainTagKey(key) ??
      (key === OWNERSHIP_TAG_KEY
        ? 'is the ownership tag, which coc-script-sync writes itself (see the `owner` input); remove it here'
        : key === '__proto__'
          ? 'cannot be used as a tag key'
          : undefined);
    if (rule !== undefined) ctx.addIssue({ code: 'custom', message: rule });
  })
  .meta({
    minLength: 1,
    maxLength: TAG_KEY_MAX,
    pattern: TAG_KEY_PATTERN,
    not: { enum: [OWNERSHIP_TAG_KEY, '__proto__'] },
  });

const tagValueSchema = z
  .string()
  .superRefine((value, ctx) => {
    const rule = explainTagValue(value);
    if (rule !== undefined) ctx.addIssue({ code: 'custom', message: rule });
  })
  .meta({ maxLength: TAG_VALUE_MAX, pattern: TAG_VALUE_PATTERN });

const tagsSchema = z.record(tagKeySchema, tagValueSchema).meta({
  title: 'Tags',
  description:
    `Resource tags, key -> value (${TAG_VALUE_ALLOWED} in values; keys the same without /). ` +
    `At most ${MAX_TAGS} including the ownership tag (${OWNERSHIP_TAG_KEY}). ` +
    'Omit to keep the remote tags; {} removes them (the ownership tag stays).',
  maxProperties: MAX_TAGS,
});

/** Every key of a definition with its schema; `name` is the only one a tombstone needs. */
const fields = {
  name: text(1, 64, 'Script name: the identity of the script; unique.', SCRIPT_NAME_CHARSET),
  uuid: text(1, 25, 'Binds the definition to an existing remote script (script_uuid).').optional(),
  type: z.enum(SCRIPT_TYPES).meta({ description: 'Script language; cannot change after creation.' }),
  description: text(1, 256, 'What the script does.'),
  content: text(1, 4096, 'The script text inline (or use content_file).'),
  content_file: text(1, 1024, 'Path of the script text, relative to this YAML file.'),
  risk_level: z.enum(RISK_LEVELS).meta({ description: 'COC risk level.' }),
  version: text(1, 10, 'Script version N.N.N, e.g. 1.2.0.', undefined, VERSION_FORMAT),
  reviewers: z.array(reviewerSchema).max(5).meta({ description: 'At most 5; [] removes all reviewers.' }),
  protocol: z.enum(PROTOCOLS).meta({ description: 'How reviewers are notified.' }),
  params: z.array(paramSchema).max(20).meta({ description: 'At most 20 parameters, in order.' }),
  tags: tagsSchema,
} as const;

/** A `state: present` definition (the default). */
export const presentSchema = z
  .strictObject({
    name: fields.name,
    uuid: fields.uuid,
    type: fields.type,
    description: fields.description,
    content: fields.content.optional(),
    content_file: fields.content_file.optional(),
    risk_level: fields.risk_level,
    version: fields.version,
    reviewers: fields.reviewers.optional(),
    protocol: fields.protocol.optional(),
    params: fields.params.optional(),
    tags: fields.tags.optional(),
    state: z.literal('present').meta({ description: 'present (default) or absent.' }).optional(),
  })
  .meta({ title: 'Script definition', oneOf: [{ required: ['content'] }, { required: ['content_file'] }] });

/** A `state: absent` tombstone: only `name` is required; other keys are checked when present. */
export const absentSchema = z
  .strictObject({
    name: fields.name,
    uuid: fields.uuid,
    type: fields.type.optional(),
    description: fields.description.optional(),
    content: fields.content.optional(),
    content_file: fields.content_file.optional(),
    risk_level: fields.risk_level.optional(),
    version: fields.version.optional(),
    reviewers: fields.reviewers.optional(),
    protocol: fields.protocol.optional(),
    params: fields.params.optional(),
    tags: fields.tags.optional(),
    state: z.literal('absent').meta({ description: 'absent: delete this script.' }),
  })
  .meta({ title: 'Script tombstone' });

/** The whole file format; the JSON Schema is generated from this. */
export const definitionSchema = z.union([presentSchema, absentSchema]);

export type PresentData = z.infer<typeof presentSchema>;
export type AbsentData = z.infer<typeof absentSchema>;
export type ParamData = z.infer<typeof paramSchema>;

/** Allowed keys per object kind, for "did you mean" hints on unknown keys. */
export const DEFINITION_KEYS: readonly string[] = Object.keys(presentSchema.shape);
export const PARAM_KEYS: readonly string[] = Object.keys(paramSchema.shape);
export const REVIEWER_KEYS: readonly string[] = Object.keys(reviewerSchema.shape);
