/**
 * Field dictionaries: for each form type, the printed labels its fields go by (with the
 * variants and abbreviations different provinces print), each field's kind and where its
 * value may stand. They are data (dictionaries/*.json), checked here on load, so a station
 * can read a form no template describes: the labels are on every print run, the layout is not.
 */
import { z } from 'zod';
import { ENUM_LISTS, type FieldKind } from '../../contract/forms';
import residentRegistration from './dictionaries/resident-registration.json';
import migrationCertificate from './dictionaries/migration-certificate.json';
import admissionPermit from './dictionaries/admission-permit.json';
import residencePermitApplication from './dictionaries/residence-permit-application.json';

/** Kinds a dictionary names; `address` is free text that may run over several lines. */
export const DICT_KINDS = [
  'name',
  'idNumber',
  'date',
  'sex',
  'enum',
  'digits',
  'address',
  'text',
  'personList',
] as const;
export type DictKind = (typeof DICT_KINDS)[number];

/** right: after the label on its line or in its cell; next: the cell to its right; below: under it. */
export const VALUE_PLACES = ['right', 'next', 'below'] as const;
export type ValuePlace = (typeof VALUE_PLACES)[number];

export const zDictField = z
  .object({
    key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,40}$/, { error: '字段键只能含字母、数字、下划线和点' }),
    labels: z.array(z.string().trim().min(1).max(40)).min(1).max(12),
    kind: z.enum(DICT_KINDS),
    enumOf: z.enum(ENUM_LISTS).optional(),
    required: z.boolean().optional(),
    at: z.array(z.enum(VALUE_PLACES)).min(1).max(3).optional(),
  })
  .refine((f) => f.kind !== 'enum' || f.enumOf !== undefined, { error: '枚举字段须指定取值表' });
export type DictField = z.infer<typeof zDictField>;

export const zFieldDictionary = z
  .object({
    /** The built-in template of the same form (its record rules and value targets). */
    formType: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    name: z.string().trim().min(1).max(40),
    titles: z.array(z.string().trim().min(2).max(40)).min(1),
    fields: z.array(zDictField).min(1).max(200),
  })
  .refine((d) => new Set(d.fields.map((f) => f.key)).size === d.fields.length, { error: '字段键重复' });
export type FieldDictionary = z.infer<typeof zFieldDictionary>;

/** Where a value is looked for when the dictionary does not say. */
export const DEFAULT_PLACES: readonly ValuePlace[] = ['right', 'next', 'below'];

/** The template kind a dictionary kind is validated as. */
export const fieldKindOf = (k: DictKind): FieldKind => (k === 'address' ? 'text' : k);

/** Kinds whose value may continue on the lines below its first. */
export const MULTI_LINE: ReadonlySet<DictKind> = new Set(['address', 'personList']);

/** Parsed once at load: a broken dictionary fails every test at once. */
export const DICTIONARIES: readonly FieldDictionary[] = [
  residentRegistration,
  migrationCertificate,
  admissionPermit,
  residencePermitApplication,
].map((d) => zFieldDictionary.parse(d));

export const dictionaryFor = (formType: string): FieldDictionary | undefined =>
  DICTIONARIES.find((d) => d.formType === formType);
