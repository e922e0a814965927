import { verboseName } from '../../core/verbose-name.util';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { maxValueValidator, minValueValidator } from './builtin.validators';
import { isDatabaseValidator } from './database-validator';
import { FieldValidationError } from './field-validation-error';
import { formatMessage } from './python-format.util';

/**
 * Passed to {@link SerializerField.runValidation} when the key is absent from the input (DRF's `empty`).
 * `undefined` means the same thing, since JSON cannot carry it.
 *
 * @example
 * ```ts
 * await new CharField({ required: false }).runValidation(EMPTY); // SKIP
 * ```
 * @publicApi
 */
export const EMPTY: unique symbol = Symbol('restflow.empty');

/**
 * Returned by {@link SerializerField.runValidation} when the field contributes nothing to the validated
 * data: it is absent and optional, absent in a partial update, or read-only without a default
 * (DRF's `SkipField`).
 *
 * @example
 * ```ts
 * const value = await field.runValidation(data[name] ?? EMPTY, partial);
 * if (value !== SKIP) validated[name] = value;
 * ```
 * @publicApi
 */
export const SKIP: unique symbol = Symbol('restflow.skip');

/**
 * A validator runs after the field has converted the input and rejects it by throwing
 * {@link FieldValidationError}; it may be async. Every validator runs, and the messages of all
 * that fail are reported together.
 *
 * @example
 * ```ts
 * const notAdmin: FieldValidator<string> = (value) => {
 *   if (value === 'admin') throw new FieldValidationError('This name is reserved.');
 * };
 * ```
 * @publicApi
 */
export type FieldValidator<TValue> = {
  // Declared as a method so that it is bivariant: a `CharField` (validators of strings) must be
  // usable where any `SerializerField` is expected, e.g. in a serializer's map of fields.
  validate(value: TValue): void | Promise<void>;
}['validate'];

/**
 * Options every field accepts (DRF's core field arguments, camel-cased).
 *
 * @example
 * ```ts
 * const options: FieldOptions<string> = { required: false, default: 'draft', helpText: 'Status' };
 * ```
 * @publicApi
 */
export interface FieldOptions<TInternal = unknown> {
  /**
   * Whether the key must be present in the input.
   * @default true, unless `default` is given or the field is `readOnly`
   */
  required?: boolean;
  /** Accept `null` (validated as `null`, without running validators). @default false */
  allowNull?: boolean;
  /**
   * Used when the key is absent (never in a partial update). A function is called each time,
   * which is how to give a fresh `[]` or `{}` per request. Defaults are not validated.
   */
  default?: unknown;
  /** Output only: the input is never read. @default false */
  readOnly?: boolean;
  /** Input only: left out of the representation. @default false */
  writeOnly?: boolean;
  /** Dotted attribute path on the instance; `'*'` passes the whole instance. @default the field name */
  source?: string;
  /** Human-readable name (OpenAPI `title`). @default the field name in sentence case */
  label?: string;
  /** Longer description (OpenAPI `description`). */
  helpText?: string;
  /** Extra checks on the converted value; they run before the field's built-in ones. */
  validators?: readonly FieldValidator<TInternal>[];
  /** Replaces messages by DRF key (`required`, `null`, `invalid`, `max_length`, ...). */
  errorMessages?: Readonly<Record<string, string>>;
}

/**
 * The OpenAPI schema of a field's value: a subset of the OpenAPI 3 schema object that
 * `@nestjs/swagger`'s `ApiProperty` accepts as it is. `type` is absent when any JSON value is
 * allowed (`JSONField`, mixed choices).
 *
 * @example
 * ```ts
 * const schema: FieldOpenApiSchema = { type: 'string', format: 'email', maxLength: 254 };
 * ```
 * @publicApi
 */
export interface FieldOpenApiSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  readOnly?: boolean;
  writeOnly?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: FieldOpenApiSchema;
  minItems?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  default?: unknown;
}

/**
 * {@link FieldOpenApiSchema} plus whether the property is required: what {@link SerializerField.openApi}
 * returns for one property of a serializer.
 *
 * @example
 * ```ts
 * new CharField({ maxLength: 20 }).openApi(); // { type: 'string', maxLength: 20, required: true }
 * ```
 * @publicApi
 */
export interface FieldOpenApi extends FieldOpenApiSchema {
  required: boolean;
}

type EmptyCheck = { isEmpty: true; value: unknown } | { isEmpty: false; value: unknown };

/**
 * Base class of every serializer field: converts one input value to its internal value
 * (validating it) and one attribute to its representation, with DRF's semantics for required,
 * null, default, read-only and partial input.
 *
 * Subclasses implement {@link SerializerField.toInternalValue}, and may override
 * {@link SerializerField.toRepresentation} and {@link SerializerField.schema}. Messages live in the static
 * `defaultErrorMessages` of each class, merged along the class chain like DRF's
 * `default_error_messages`; raise them with {@link SerializerField.fail}.
 *
 * @example
 * ```ts
 * class HexColorField extends SerializerField<string, string> {
 *   static override readonly defaultErrorMessages = { invalid: 'Enter a colour like #a0b1c2.' };
 *
 *   toInternalValue(data: unknown): string {
 *     if (typeof data !== 'string' || !/^#[0-9a-f]{6}$/i.test(data)) this.fail('invalid');
 *     return data.toLowerCase();
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class SerializerField<TInternal = unknown, TRepresentation = unknown> {
  /** Messages by DRF key; a subclass's entries override its parent's. */
  static readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    required: 'This field is required.',
    null: 'This field may not be null.',
  };

  /** Whether the key must be present in the input. */
  readonly required: boolean;
  /** Output only. */
  readonly readOnly: boolean;
  /** Input only. */
  readonly writeOnly: boolean;
  /** Whether `null` is accepted. */
  readonly allowNull: boolean;
  /** Whether a `default` was given. */
  readonly hasDefault: boolean;
  /** User validators followed by the field's built-in ones, run in this order. */
  readonly validators: FieldValidator<TInternal>[];
  /** The effective messages by key. */
  readonly errorMessages: Readonly<Record<string, string>>;
  /** Human-readable name; filled from the field name by {@link SerializerField.bind} when not given. */
  label: string | undefined;
  /** Longer description. */
  readonly helpText: string | undefined;
  /** The name the field is bound to, set by {@link SerializerField.bind}. */
  fieldName: string | undefined;
  /** The object the field belongs to (a serializer, or a list field for its child). */
  parent: object | undefined;

  /** The `default` option (a value, or a function that makes one). */
  protected readonly defaultValue: unknown;
  private readonly declaredSource: string | undefined;
  private readonly declaredLabel: string | undefined;

  constructor(options: FieldOptions<TInternal> = {}) {
    this.readOnly = options.readOnly ?? false;
    this.writeOnly = options.writeOnly ?? false;
    this.hasDefault = options.default !== undefined;
    this.defaultValue = options.default;
    this.required = options.required ?? (!this.hasDefault && !this.readOnly);
    this.allowNull = options.allowNull ?? false;
    this.declaredSource = options.source;
    this.declaredLabel = options.label;
    this.label = options.label;
    this.helpText = options.helpText;
    this.validators = [...(options.validators ?? [])];
    this.errorMessages = { ...collectDefaultErrorMessages(this), ...options.errorMessages };

    const kind = this.constructor.name;
    if (this.readOnly && this.writeOnly) {
      throw new RestflowConfigError(
        'writeOnly',
        `May not set both \`readOnly\` and \`writeOnly\` on ${kind}. Fix: keep one of them.`,
      );
    }
    if (this.readOnly && options.required === true) {
      throw new RestflowConfigError(
        'required',
        `May not set both \`readOnly\` and \`required\` on ${kind}. Fix: drop \`required\`; read-only fields never read the input.`,
      );
    }
    if (options.required === true && this.hasDefault) {
      throw new RestflowConfigError(
        'required',
        `May not set both \`required\` and \`default\` on ${kind}. Fix: drop \`required\`; a field with a default is optional.`,
      );
    }
  }

  /** The dotted attribute path read from instances: the `source` option, else the field name. */
  get source(): string | undefined {
    return this.declaredSource ?? this.fieldName;
  }

  /** Whether `source` was given explicitly (a list's child may not have one). */
  get hasExplicitSource(): boolean {
    return this.declaredSource !== undefined;
  }

  /** `source` split on dots; empty for `'*'` (the whole instance). */
  get sourceAttrs(): string[] {
    const source = this.source;
    // Read for every attribute of every row: split once per source.
    const cached = this.splitSource;
    if (cached && cached.source === source) return cached.attrs;
    const attrs = source === undefined || source === '*' ? [] : source.split('.');
    this.splitSource = { source, attrs };
    return attrs;
  }

  private splitSource: { source: string | undefined; attrs: string[] } | undefined;

  /**
   * Records the field's name and owner; called once by the serializer that declares the field.
   * Fills `source` and `label` from the name when they were not given.
   *
   * @example
   * ```ts
   * const field = new CharField().bind('firstName');
   * field.source; // 'firstName'
   * field.label; // 'First name'
   * ```
   */
  bind(fieldName: string, parent?: object): this {
    this.fieldName = fieldName;
    this.parent = parent;
    this.label ??= sentenceCase(fieldName);
    return this;
  }

  /**
   * A copy to bind: serializers cache their fields per class and give each instance its own
   * copies. It shares the original's settings (assign a property to change it on the copy only).
   *
   * @example
   * ```ts
   * const copy = field.clone().bind('name', serializer);
   * ```
   */
  clone(): this {
    // The copy reads everything through the original and owns only what binding sets: it is
    // made for every field of every serializer instance, so it must cost next to nothing.
    return Object.create(this) as this;
  }

  /**
   * Reads the field's value from an instance by following {@link SerializerField.sourceAttrs}; a `null`
   * or `undefined` link ends the walk with that value. Override for computed attributes.
   *
   * @example
   * ```ts
   * new CharField({ source: 'author.name' }).bind('authorName').getAttribute(book);
   * ```
   */
  getAttribute(instance: unknown): unknown {
    return attributeAt(instance, this.sourceAttrs);
  }

  /**
   * The value used when the key is absent: `default` (called when it is a function), or
   * {@link SKIP} when there is none or the update is partial.
   *
   * @example
   * ```ts
   * new ListField({ child: new CharField(), default: () => [] }).getDefault(); // []
   * ```
   */
  getDefault(partial = false): unknown {
    if (!this.hasDefault || partial) return SKIP;
    return typeof this.defaultValue === 'function'
      ? (this.defaultValue as () => unknown)()
      : this.defaultValue;
  }

  /**
   * Validates one input value: DRF's `run_validation`. Absent keys (`EMPTY` or `undefined`),
   * `null` and read-only fields are settled by {@link SerializerField.validateEmptyValues}; anything else
   * goes through {@link SerializerField.toInternalValue} and then every validator.
   *
   * @returns the internal value, `null`, the default, or {@link SKIP}
   * @throws {FieldValidationError} with the messages of the first failing step
   * @example
   * ```ts
   * await new IntegerField({ maxValue: 10 }).runValidation('7'); // 7
   * await new IntegerField().runValidation(EMPTY); // throws ['This field is required.']
   * await new IntegerField().runValidation(EMPTY, true); // SKIP
   * ```
   */
  async runValidation(
    data: unknown = EMPTY,
    partial = false,
  ): Promise<TInternal | null | typeof SKIP> {
    const checked = this.validateEmptyValues(data, partial);
    if (checked.isEmpty) return checked.value as TInternal | null | typeof SKIP;
    const value = await this.toInternalValue(checked.value);
    await this.runValidators(value);
    return value;
  }

  /**
   * Converts an input value to the internal value, or throws {@link FieldValidationError}
   * (usually through {@link SerializerField.fail}). Never receives `EMPTY` or `null`.
   *
   * @example
   * ```ts
   * new BooleanField().toInternalValue('yes'); // true
   * ```
   */
  abstract toInternalValue(data: unknown): TInternal | Promise<TInternal>;

  /**
   * Converts an attribute value to what the response carries. The default returns it as is.
   * The serializer renders `null` attributes as `null` without calling this.
   *
   * @example
   * ```ts
   * new DecimalField({ decimalPlaces: 2 }).toRepresentation('10.5'); // '10.50'
   * ```
   */
  toRepresentation(value: TInternal): TRepresentation {
    return value as unknown as TRepresentation;
  }

  /**
   * The OpenAPI description of this field as a property: {@link SerializerField.schema} plus the common
   * keys (`required`, `nullable`, `readOnly`, `writeOnly`, `title`, `description`, `default`).
   *
   * @example
   * ```ts
   * new IntegerField({ minValue: 1, allowNull: true }).openApi();
   * // { type: 'integer', minimum: 1, nullable: true, required: true }
   * ```
   */
  openApi(): FieldOpenApi {
    const property: FieldOpenApi = { ...this.schema(), required: this.required };
    if (this.allowNull) property.nullable = true;
    if (this.readOnly) property.readOnly = true;
    if (this.writeOnly) property.writeOnly = true;
    if (this.declaredLabel !== undefined) property.title = this.declaredLabel;
    if (this.helpText !== undefined) property.description = this.helpText;
    if (this.hasDefault && typeof this.defaultValue !== 'function') {
      property.default = this.defaultValue;
    }
    return property;
  }

  /**
   * The type-specific part of {@link SerializerField.openApi} (type, format, bounds). Override in custom
   * fields; the default (`{}`) means "any value".
   *
   * @example
   * ```ts
   * protected override schema(): FieldOpenApiSchema {
   *   return { type: 'string', pattern: '^#[0-9a-f]{6}$' };
   * }
   * ```
   */
  protected schema(): FieldOpenApiSchema {
    return {};
  }

  /**
   * DRF's `validate_empty_values`: decides the outcome for absent keys, `null` and read-only
   * fields, or hands the data on (`isEmpty: false`). Override to treat other values as empty.
   *
   * @example
   * ```ts
   * this.validateEmptyValues(null, false); // { isEmpty: true, value: null } when allowNull
   * ```
   */
  protected validateEmptyValues(data: unknown, partial: boolean): EmptyCheck {
    if (this.readOnly) return { isEmpty: true, value: this.getDefault(partial) };
    if (data === EMPTY || data === undefined) {
      if (partial) return { isEmpty: true, value: SKIP };
      if (this.required) this.fail('required');
      return { isEmpty: true, value: this.getDefault(partial) };
    }
    if (data === null) {
      if (!this.allowNull) this.fail('null');
      // A nullable `source: '*'` field stands for the whole object, which is not null itself.
      if (this.source === '*') return { isEmpty: false, value: null };
      return { isEmpty: true, value: null };
    }
    return { isEmpty: false, value: data };
  }

  /**
   * Runs every validator in order (awaiting each) and throws once with all their messages.
   * A validator error whose detail is an object (nested data) is rethrown as is, like DRF.
   * Validators marked with {@link databaseValidator} run last, and only when every other one
   * passed: a query never receives a value the field refuses.
   *
   * @example
   * ```ts
   * await this.runValidators(value);
   * ```
   */
  protected async runValidators(value: TInternal): Promise<void> {
    if (this.validators.length === 0) return;
    const messages: string[] = [];
    const run = async (validator: FieldValidator<TInternal>): Promise<void> => {
      try {
        await validator(value);
      } catch (error) {
        if (!(error instanceof FieldValidationError) || !Array.isArray(error.detail)) throw error;
        messages.push(...error.detail);
      }
    };
    const database = this.validators.filter(isDatabaseValidator);
    for (const validator of this.validators) {
      if (!isDatabaseValidator(validator)) await run(validator);
    }
    for (const validator of database) {
      if (messages.length) break;
      await run(validator);
    }
    if (messages.length) throw new FieldValidationError(messages);
  }

  /**
   * Adds DRF's `min_value` / `max_value` validators for a numeric field; `shown` formats a
   * bound for the message (a duration prints as `"1 02:00:00"`, for example).
   *
   * @example
   * ```ts
   * this.addNumericBounds(options.minValue, options.maxValue);
   * ```
   */
  protected addNumericBounds(
    minValue: number | undefined,
    maxValue: number | undefined,
    shown: (bound: number) => unknown = (bound) => bound,
  ): void {
    const compare = (a: number, b: number): number => a - b;
    if (maxValue !== undefined) {
      const message = this.message('max_value', { max_value: shown(maxValue) });
      this.validators.push(
        maxValueValidator(maxValue, message, compare) as FieldValidator<TInternal>,
      );
    }
    if (minValue !== undefined) {
      const message = this.message('min_value', { min_value: shown(minValue) });
      this.validators.push(
        minValueValidator(minValue, message, compare) as FieldValidator<TInternal>,
      );
    }
  }

  /**
   * Throws {@link FieldValidationError} with the message registered under `key`, its
   * `{placeholders}` filled from `params` (DRF's `self.fail()`).
   *
   * @example
   * ```ts
   * this.fail('max_value', { max_value: 10 }); // 'Ensure this value is less than or equal to 10.'
   * ```
   */
  protected fail(key: string, params: Readonly<Record<string, unknown>> = {}): never {
    throw new FieldValidationError(this.message(key, params));
  }

  /**
   * The message registered under `key` with its placeholders filled, for validators that a
   * field builds in its constructor.
   *
   * @example
   * ```ts
   * this.message('max_length', { max_length: 20 });
   * ```
   */
  protected message(key: string, params: Readonly<Record<string, unknown>> = {}): string {
    const template = this.errorMessages[key];
    if (template === undefined) {
      throw new RestflowConfigError(
        'errorMessages',
        `${this.constructor.name} raised the error key "${key}", which is not in its errorMessages. Fix: add it to the class's defaultErrorMessages.`,
      );
    }
    return formatMessage(template, params);
  }
}

function collectDefaultErrorMessages(field: object): Record<string, string> {
  const layers: Readonly<Record<string, string>>[] = [];
  let current: unknown = field.constructor;
  while (typeof current === 'function' && current !== Function.prototype) {
    if (Object.hasOwn(current, 'defaultErrorMessages')) {
      layers.unshift((current as typeof SerializerField).defaultErrorMessages);
    }
    current = Object.getPrototypeOf(current);
  }
  return Object.assign({}, ...layers) as Record<string, string>;
}

/** DRF's default label: `first_name` → `First name`; camelCase words are split too. */
function sentenceCase(name: string): string {
  const words = verboseName(name);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The value at `path` in `instance`, one attribute after another; a `null` or `undefined` on the
 * way is the result. What {@link SerializerField.getAttribute} reads by default.
 *
 * @example
 * ```ts
 * attributeAt(book, ['author', 'name']); // book.author?.name
 * ```
 * @internal
 */
export function attributeAt(instance: unknown, path: readonly string[]): unknown {
  let current = instance;
  for (const attribute of path) {
    if (current === null || current === undefined) return current;
    current = (current as Record<string, unknown>)[attribute];
  }
  return current;
}
