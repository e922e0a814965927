import 'reflect-metadata';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { recordApiProperty } from './api-property.util';
import { allowProperty } from './class-validator-allow.util';
import { declareField } from './declared-fields';
import {
  BooleanField,
  CharField,
  ChoiceField,
  DateField,
  DateTimeField,
  DecimalField,
  DurationField,
  EmailField,
  SerializerField as BaseField,
  fieldForType,
  FloatField,
  IntegerField,
  IPAddressField,
  JSONField,
  ListField,
  MultipleChoiceField,
  SerializerMethodField,
  TimeField,
  URLField,
  UUIDField,
  type Choices,
  type FieldOptions,
  type IPAddressProtocol,
  type SerializerMethod,
} from './fields';
import { NestedField } from './nested.field';
import { Serializer, type SerializerClass } from './serializer';

/**
 * The value kinds `@Field({ type })` names, for what a TypeScript type cannot say by itself
 * (`number` is a float unless `type: 'integer'`; a `string` may be an email).
 *
 * @example
 * ```ts
 * @Field({ type: 'decimal', maxDigits: 10, decimalPlaces: 2 }) price!: string;
 * ```
 * @publicApi
 */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'duration'
  | 'email'
  | 'url'
  | 'uuid'
  | 'ip'
  | 'json';

/**
 * What `@Field()` accepts: the options of every field (`required`, `readOnly`, `writeOnly`,
 * `source`, `default`, `validators`, ...) plus what the TypeScript type cannot express.
 *
 * @example
 * ```ts
 * @Field({ type: 'integer', min: 1, max: 5 }) rating!: number;
 * @Field({ nullable: true, maxLength: 200 }) nickname!: string | null;
 * @Field({ choices: ['draft', 'published'] }) status!: 'draft' | 'published';
 * @Field({ child: 'integer', maxLength: 10 }) scores!: number[];
 * @Field({ serializer: () => AddressSerializer, many: true }) addresses!: AddressSerializer[];
 * @Field({ method: 'getDisplayName' }) displayName!: string;
 * ```
 * @publicApi
 */
export interface FieldDeclaration extends FieldOptions {
  /** The value kind, when the TypeScript type is not enough. */
  type?: FieldKind;
  /** `T | null`: accepts `null` and is not required (explicit `required`/`allowNull` win). */
  nullable?: boolean;
  /** `name?: T`: not required. */
  optional?: boolean;
  /** Smallest number accepted (integer, float, decimal). */
  min?: number;
  /** Largest number accepted (integer, float, decimal). */
  max?: number;
  /** Smallest length of a string, or of a list. */
  minLength?: number;
  /** Largest length of a string, or of a list. */
  maxLength?: number;
  /** Whether `''` is a valid string. @default false */
  allowBlank?: boolean;
  /** Whether strings are trimmed. @default true */
  trimWhitespace?: boolean;
  /** Total digits of a decimal; `null` for no limit. @default 20 */
  maxDigits?: number | null;
  /** Digits after the point of a decimal (also its representation); `null` for no limit. @default 6 */
  decimalPlaces?: number | null;
  /** Which IP versions an `ip` field accepts. @default 'both' */
  protocol?: IPAddressProtocol;
  /** The allowed values (a list or an enum); on an array property, a multiple choice. */
  choices?: Choices;
  /** The item of a list: a kind, a field, a constructor (`Number`) or a serializer class. */
  child?: FieldKind | BaseField | (new (...args: never[]) => unknown);
  /** Whether `[]` is accepted by a list. @default true */
  allowEmpty?: boolean;
  /** A nested serializer (lazy, so serializers may refer to each other). */
  serializer?: () => SerializerClass;
  /** With `serializer`: a list of nested objects. */
  many?: boolean;
  /** A computed, read-only field: a function of the instance or a method name of the serializer. */
  method?: SerializerMethod | string;
}

/**
 * Declares a serializer field on a property. The field type comes from the property's
 * TypeScript type (`string`, `number`, `boolean`, `Date`, arrays, serializer classes) and from
 * {@link FieldDeclaration} for what the type cannot say. Pass a field instance to take full
 * control.
 *
 * @example
 * ```ts
 * class ReviewSerializer extends Serializer {
 *   @Field({ readOnly: true, type: 'integer' }) id!: number;
 *   @Field({ type: 'integer', min: 1, max: 5 }) rating!: number;
 *   @Field({ allowBlank: true, default: '' }) comment!: string;
 *   @Field({ source: 'author.username', readOnly: true }) author!: string;
 *   @Field(new CharField({ maxLength: 20, required: false })) nickname?: string;
 * }
 * ```
 * @publicApi
 */
export function Field(declaration: FieldDeclaration | BaseField = {}): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof propertyKey !== 'string') {
      throw new RestflowConfigError('@Field', '@Field() needs a string property name.');
    }
    const designType: unknown = Reflect.getMetadata('design:type', target, propertyKey);
    defineField(target, propertyKey, declaration, designType);
  };
}

/**
 * Adds a field to a serializer prototype: what `@Field()` does, for classes built at run time
 * (`InlineSerializer`).
 *
 * @internal
 */
export function defineField(
  prototype: object,
  name: string,
  declaration: FieldDeclaration | BaseField,
  designType: unknown,
): void {
  const where = `${prototype.constructor.name}.${name}`;
  // Tells a global ValidationPipe (class-validator) that the property is known, so that
  // `whitelist` keeps it and `forbidUnknownValues` accepts the class; the serializer validates.
  allowProperty(prototype, name);
  if (declaration instanceof BaseField) {
    recordApiProperty(prototype, name, declaration);
    // Each serializer binds its own copy: a field knows its parent (for context and hooks).
    declareField(prototype, name, () => declaration.clone());
    return;
  }
  const build = () => resolveField(designType, declaration, where);
  // Built once now: a wrong declaration fails at class definition, not at the first request.
  recordApiProperty(prototype, name, build());
  declareField(prototype, name, build);
}

const KIND_FIELDS: Record<FieldKind, (options: Record<string, unknown>) => BaseField> = {
  string: (options) => new CharField(options),
  integer: (options) => new IntegerField(options),
  float: (options) => new FloatField(options),
  decimal: (options) => new DecimalField(options),
  boolean: (options) => new BooleanField(options),
  datetime: (options) => new DateTimeField(options),
  date: (options) => new DateField(options),
  time: (options) => new TimeField(options),
  duration: (options) => new DurationField(options),
  email: (options) => new EmailField(options),
  url: (options) => new URLField(options),
  uuid: (options) => new UUIDField(options),
  ip: (options) => new IPAddressField(options),
  json: (options) => new JSONField(options),
};

/**
 * Builds the field a declaration describes, for a property of the given design type.
 *
 * @internal
 */
export function resolveField(
  designType: unknown,
  declaration: FieldDeclaration,
  where: string,
): BaseField {
  const field = buildField(designType, declaration, where);
  rejectInapplicableOptions(field, declaration, where);
  return field;
}

/** Which field classes each type-specific option applies to. */
const SPECIFIC_OPTIONS: Record<string, readonly (abstract new (...args: never[]) => BaseField)[]> =
  {
    min: [IntegerField, FloatField, DecimalField],
    max: [IntegerField, FloatField, DecimalField],
    maxDigits: [DecimalField],
    decimalPlaces: [DecimalField],
    minLength: [CharField, ListField],
    maxLength: [CharField, ListField],
    trimWhitespace: [CharField],
    allowBlank: [CharField, ChoiceField, MultipleChoiceField],
    protocol: [IPAddressField],
    allowEmpty: [ListField, MultipleChoiceField, NestedField],
    child: [ListField],
    many: [NestedField, MultipleChoiceField],
  };

// An option that the built field would not use is a mistake, never silently ignored.
function rejectInapplicableOptions(
  field: BaseField,
  declaration: FieldDeclaration,
  where: string,
): void {
  for (const [option, classes] of Object.entries(SPECIFIC_OPTIONS)) {
    const given = (declaration as Record<string, unknown>)[option];
    if (given !== undefined && !classes.some((fieldClass) => field instanceof fieldClass)) {
      throw new RestflowConfigError(
        where,
        `\`${option}\` does not apply to ${where}, which is a ${field.constructor.name}. ` +
          `Fix: remove it, or set \`type\` to a kind it applies to.`,
      );
    }
  }
}

function buildField(designType: unknown, declaration: FieldDeclaration, where: string): BaseField {
  const { type, nullable, optional, min, max, choices, child, many, serializer, method, ...rest } =
    declaration;
  const options: Record<string, unknown> = withoutUndefined({
    ...rest,
    allowNull: rest.allowNull ?? (nullable || undefined),
    required: rest.required ?? (nullable || optional ? false : undefined),
    minValue: min,
    maxValue: max,
  });
  if (method !== undefined) {
    return new SerializerMethodField({ method, label: rest.label, helpText: rest.helpText });
  }
  if (serializer) {
    return new NestedField(serializer, { ...options, many });
  }
  if (choices) {
    return designType === Array || many
      ? new MultipleChoiceField({ ...options, choices })
      : new ChoiceField({ ...options, choices });
  }
  if (type) {
    return KIND_FIELDS[type](options);
  }
  if (designType === Array) {
    const { minLength, maxLength, allowEmpty, ...listOptions } = options;
    return new ListField({
      ...listOptions,
      ...withoutUndefined({ minLength, maxLength, allowEmpty }),
      child: resolveChild(child ?? 'string', where),
    });
  }
  if (isSerializerClass(designType)) {
    return new NestedField(() => designType, { ...options, many });
  }
  if (designType === undefined || designType === Object) {
    throw new RestflowConfigError(
      where,
      `Cannot infer the serializer field of ${where}: its TypeScript type is a union, an interface, ` +
        `\`any\` or \`unknown\` (swc also emits \`T | null\` this way). Fix: set \`type\` ` +
        `(for example \`type: 'string'\` or \`type: 'json'\`), \`choices\`, \`serializer\` or pass a field instance.`,
    );
  }
  // SerializerFieldMap maps String, Number, Boolean, Date and whatever the app registers.
  return fieldForType(designType, options);
}

function resolveChild(child: NonNullable<FieldDeclaration['child']>, where: string): BaseField {
  if (child instanceof BaseField) {
    return child;
  }
  if (typeof child === 'string') {
    return KIND_FIELDS[child]({});
  }
  if (isSerializerClass(child)) {
    return new NestedField(() => child);
  }
  return resolveField(child, {}, `${where}[]`);
}

function isSerializerClass(value: unknown): value is SerializerClass {
  return typeof value === 'function' && value.prototype instanceof Serializer;
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
