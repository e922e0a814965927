import { Exclude } from 'class-transformer';
import type { ErrorDetails } from '../exceptions/api.exception';
import { ValidationFailed } from '../exceptions/standard.exceptions';
import { DEFAULT_NON_FIELD_ERRORS_KEY } from '../exceptions/validation-details';
import { getDeclaredFields } from './declared-fields';
import { attributeAt, EMPTY, SerializerField, SKIP } from './fields/field';
import { FieldValidationError, type FieldErrorDetail } from './fields/field-validation-error';
import { isPlainObject } from '../core/is-plain-object.util';
import { pyTypeName } from './fields/python-format.util';
import type { SerializerContext } from './serializer-context.interface';

/**
 * How a serializer is created: DRF's `Serializer(instance, data, partial, context)`.
 *
 * @example
 * ```ts
 * new ProductSerializer({ instance: product, data: body, partial: true, context: { request } });
 * ```
 * @publicApi
 */
export interface SerializerOptions<TInstance> {
  /** The object to represent or update. */
  instance?: TInstance;
  /** The input to validate. */
  data?: unknown;
  /** PATCH semantics: absent fields are skipped instead of required. @default false */
  partial?: boolean;
  /** Request, view, data source and anything else hooks need. */
  context?: SerializerContext;
}

/** Options of `isValid()`. @publicApi */
export interface IsValidOptions {
  /** Throw the 400 `validation_error` envelope instead of returning `false`. @default false */
  raiseException?: boolean;
}

/**
 * A serializer class, as views and the pipe receive it.
 *
 * @example
 * ```ts
 * const serializerClass: SerializerClass<ProductSerializer> = ProductSerializer;
 * ```
 * @publicApi
 */
export type SerializerClass<TSerializer extends Serializer = Serializer> = new (
  options?: SerializerOptions<never>,
) => TSerializer;

/** The data a serializer validated, as a plain object keyed by source attribute. @publicApi */
export type ValidatedData = Record<string, unknown>;

type Hook = (value: unknown) => unknown;

/**
 * Declares fields once and gets validation, representation and persistence from them: DRF's
 * `Serializer`, with every hook allowed to be async.
 *
 * - `await isValid()` runs each field, then `validate<SerializerField>(value)` hooks, then
 *   `validate(attrs)`; `errors` is DRF-shaped (`{ field: [messages] }`, nested objects for
 *   nested data, index keys for lists, `non_field_errors` for the object).
 * - `validatedData` is the result; `save(extra)` calls `create` or `update` with it.
 * - `data` is the representation of `instance` (or of the validated data).
 *
 * Output keys are the property names as declared (camelCase in TypeScript); nothing renames them.
 *
 * @example
 * ```ts
 * class SignupSerializer extends Serializer {
 *   @Field({ maxLength: 150 }) username!: string;
 *   @Field({ type: 'email' }) email!: string;
 *   @Field({ writeOnly: true, minLength: 8 }) password!: string;
 *
 *   async validateUsername(value: string) {
 *     if (await usernameTaken(value)) throw new ValidationFailed('This username is taken.');
 *     return value.toLowerCase();
 *   }
 *
 *   override create(data: ValidatedData) {
 *     return users.create(data);
 *   }
 * }
 *
 * const serializer = new SignupSerializer({ data: request.body });
 * if (await serializer.isValid()) await serializer.save();
 * else serializer.errors; // { email: ['Enter a valid email address.'] }
 * ```
 * @publicApi
 */
export class Serializer<TInstance = unknown> {
  /** The object represented or updated; set by `save()`. */
  @Exclude()
  instance: TInstance | undefined;
  /** The raw input, as given. */
  @Exclude()
  readonly initialData: unknown;
  /** Whether absent fields are skipped (PATCH). */
  @Exclude()
  readonly partial: boolean;
  /** Request, view, data source and anything else the hooks need. */
  @Exclude()
  readonly context: SerializerContext;

  private fieldMap: Map<string, SerializerField> | undefined;
  private validated: ValidatedData | undefined;
  /** Whether `data` was read: `save()` after that is refused, as in DRF. */
  private dataRead = false;
  private validationErrors: ErrorDetails | undefined;

  constructor(options: SerializerOptions<TInstance> = {}) {
    this.instance = options.instance;
    this.initialData = options.data;
    this.partial = options.partial ?? false;
    this.context = options.context ?? {};
  }

  /**
   * Whether `buildFields()` runs once per class (and data source) rather than once per instance.
   * Set it to `false` in a subclass whose `buildFields()` depends on the instance (its context,
   * its request).
   */
  static cacheFields = true;

  /** The bound fields of this serializer, by name, in declaration order. */
  @Exclude()
  get fields(): ReadonlyMap<string, SerializerField> {
    if (!this.fieldMap) {
      const cached = (this.constructor as typeof Serializer).cacheFields;
      const built = cached ? this.fieldTemplates() : this.buildFields();
      this.fieldMap = new Map();
      for (const [name, field] of built) {
        // Each instance binds its own copies: a field knows its parent (context, hooks).
        this.fieldMap.set(name, this.prepareField(cached ? field.clone() : field).bind(name, this));
      }
    }
    return this.fieldMap;
  }

  /**
   * Adjusts this instance's copy of a field before it is bound (ModelSerializer adds its
   * database checks here). Returns the field to use.
   */
  protected prepareField(field: SerializerField): SerializerField {
    return field;
  }

  /** What the field cache is keyed by besides the class: ModelSerializer adds its data source. */
  protected fieldCacheScope(): object {
    return Serializer;
  }

  private fieldTemplates(): Map<string, SerializerField> {
    let byScope = FIELD_TEMPLATES.get(this.constructor);
    if (!byScope) {
      byScope = new WeakMap();
      FIELD_TEMPLATES.set(this.constructor, byScope);
    }
    const scope = this.fieldCacheScope();
    let templates = byScope.get(scope);
    if (!templates) {
      templates = this.buildFields();
      // Bound once by name (labels, sources); each instance's copy is bound again to it, and
      // reads the source path split here through its prototype instead of splitting it again.
      for (const [name, field] of templates) void field.bind(name).sourceAttrs;
      byScope.set(scope, templates);
    }
    return templates;
  }

  /**
   * Builds this serializer's fields, unbound. Override to add fields that depend on run-time
   * information (ModelSerializer adds the model's columns here).
   */
  protected buildFields(): Map<string, SerializerField> {
    const fields = new Map<string, SerializerField>();
    for (const [name, factory] of getDeclaredFields(this.constructor as SerializerClass)) {
      fields.set(name, factory());
    }
    return fields;
  }

  /**
   * Validates `data`. Resolves `true` when it is valid, then `validatedData` holds the result;
   * otherwise `errors` says why.
   *
   * @throws {ValidationFailed} with `raiseException: true`, carrying `errors` as `details`.
   */
  async isValid(options: IsValidOptions = {}): Promise<boolean> {
    if (this.initialData === undefined) {
      throw new Error('Cannot call `.isValid()` without passing `data` to the serializer.');
    }
    if (!this.validationErrors && !this.validated) {
      try {
        const attrs = await this.toInternalValue(this.initialData);
        this.validated = await this.runObjectValidation(attrs);
        this.validationErrors = {};
      } catch (error) {
        this.validationErrors = this.errorsOf(error);
        this.validated = undefined;
      }
    }
    const valid = Object.keys(this.validationErrors ?? {}).length === 0;
    if (!valid && options.raiseException) {
      throw new ValidationFailed({ details: this.validationErrors });
    }
    return valid;
  }

  /** The validated input; available after a successful `isValid()`. */
  @Exclude()
  get validatedData(): ValidatedData {
    if (!this.validationErrors) {
      throw new Error('You must call `.isValid()` before accessing `.validatedData`.');
    }
    return this.validated ?? {};
  }

  /** Why the input is invalid (`{}` when it is valid); available after `isValid()`. */
  @Exclude()
  get errors(): ErrorDetails {
    if (!this.validationErrors) {
      throw new Error('You must call `.isValid()` before accessing `.errors`.');
    }
    return this.validationErrors;
  }

  /**
   * The representation: of `instance` when there is one (after `save()`, the saved instance),
   * otherwise of the validated data.
   */
  @Exclude()
  get data(): Record<string, unknown> {
    this.dataRead = true;
    if (this.instance !== undefined) {
      return this.toRepresentation(this.instance);
    }
    if (this.validated) {
      return this.toRepresentation(this.validated);
    }
    return {};
  }

  /**
   * Persists the validated data through `create()` (no instance) or `update()`, with `extra`
   * merged over it (`save({ owner: request.user })`), and keeps the result as `instance`.
   */
  async save(extra: ValidatedData = {}): Promise<TInstance> {
    if (!this.validationErrors) {
      throw new Error('You must call `.isValid()` before calling `.save()`.');
    }
    if (!this.validated) {
      throw new Error('You cannot call `.save()` on a serializer with invalid data.');
    }
    if (this.dataRead) {
      throw new Error(
        'You cannot call `.save()` after accessing `serializer.data`. If you need to access ' +
          'data before committing to the database then inspect `serializer.validatedData` instead.',
      );
    }
    const attrs = { ...this.validated, ...extra };
    const result =
      this.instance === undefined
        ? await this.create(attrs)
        : await this.update(this.instance, attrs);
    if (result === undefined || result === null) {
      throw new Error(
        `\`${this.instance === undefined ? 'create' : 'update'}()\` did not return an object instance.`,
      );
    }
    this.instance = result;
    return result;
  }

  /** Creates an instance from validated data. Override it (sync or async). */
  create(_validatedData: ValidatedData): TInstance | Promise<TInstance> {
    throw new Error(`\`create()\` must be implemented by ${this.constructor.name}.`);
  }

  /** Applies validated data to an instance. Override it (sync or async). */
  update(_instance: TInstance, _validatedData: ValidatedData): TInstance | Promise<TInstance> {
    throw new Error(`\`update()\` must be implemented by ${this.constructor.name}.`);
  }

  /**
   * Object-level validation after every field passed: return the (possibly changed) attributes,
   * or throw `ValidationFailed` (its message lands in `non_field_errors`, its `details` by field).
   */
  validate(attrs: ValidatedData): ValidatedData | Promise<ValidatedData> {
    return attrs;
  }

  /**
   * Runs every writable field over `data`, then its `validate<SerializerField>` hook, and collects all
   * errors before throwing them together.
   */
  async toInternalValue(data: unknown): Promise<ValidatedData> {
    if (!isPlainObject(data)) {
      throw new FieldValidationError({
        [this.nonFieldErrorsKey]: [
          `Invalid data. Expected a dictionary, but got ${pyTypeName(data)}.`,
        ],
      });
    }
    const validated: ValidatedData = {};
    const errors: Record<string, FieldErrorDetail> = {};
    for (const [name, field] of this.fields) {
      if (field.readOnly && !field.hasDefault) {
        continue;
      }
      try {
        let value = await field.runValidation(
          Object.hasOwn(data, name) ? data[name] : EMPTY,
          this.partial,
        );
        if (value === SKIP) {
          continue;
        }
        const hook = this.fieldHook(name);
        if (hook) {
          value = await hook.call(this, value);
        }
        setIn(validated, field.sourceAttrs, value);
      } catch (error) {
        errors[name] = fieldErrorDetail(error);
      }
    }
    if (Object.keys(errors).length > 0) {
      throw new FieldValidationError(errors);
    }
    return validated;
  }

  /** The response representation of one instance: each readable field, by name. */
  toRepresentation(instance: unknown): Record<string, unknown> {
    const representation: Record<string, unknown> = {};
    for (const { name, field, path } of (this.readable ??= readableFields(this.fields))) {
      // The default getAttribute() read straight from its path: it runs for every field of every row.
      const attribute = path ? attributeAt(instance, path) : field.getAttribute(instance);
      if (attribute === undefined) {
        // DRF's rule for a missing attribute: its default, else null when nullable, else the
        // key is left out when the field is optional.
        const fallback = field.getDefault();
        if (fallback !== SKIP) {
          representation[name] = field.toRepresentation(fallback);
        } else if (field.allowNull || field.required) {
          representation[name] = null;
        }
        continue;
      }
      representation[name] = attribute === null ? null : field.toRepresentation(attribute);
    }
    return representation;
  }

  /** The readable fields of this instance, in order, as `toRepresentation()` walks them. */
  private readable: ReadableField[] | undefined;

  /** Key of object-level messages in `errors`. */
  protected get nonFieldErrorsKey(): string {
    return this.context.nonFieldErrorsKey ?? DEFAULT_NON_FIELD_ERRORS_KEY;
  }

  private async runObjectValidation(attrs: ValidatedData): Promise<ValidatedData> {
    try {
      return await this.validate(attrs);
    } catch (error) {
      const detail = fieldErrorDetail(error);
      throw new FieldValidationError(
        Array.isArray(detail) ? { [this.nonFieldErrorsKey]: detail } : detail,
      );
    }
  }

  private fieldHook(name: string): Hook | undefined {
    let hookName = HOOK_NAMES.get(name);
    if (hookName === undefined) {
      hookName = `validate${name.charAt(0).toUpperCase()}${name.slice(1)}`;
      HOOK_NAMES.set(name, hookName);
    }
    const hook = (this as unknown as Record<string, unknown>)[hookName];
    return typeof hook === 'function' ? (hook as Hook) : undefined;
  }

  private errorsOf(error: unknown): ErrorDetails {
    const detail = fieldErrorDetail(error);
    return Array.isArray(detail) ? { [this.nonFieldErrorsKey]: detail } : detail;
  }
}

/** `validate<Field>` hook names by field name: made once, not for every field of every body. */
const HOOK_NAMES = new Map<string, string>();

/** A readable field; `path` is its `sourceAttrs` when it reads them the default way. */
interface ReadableField {
  readonly name: string;
  readonly field: SerializerField;
  readonly path: readonly string[] | undefined;
}

const DEFAULT_GET_ATTRIBUTE = Reflect.get(SerializerField.prototype, 'getAttribute') as unknown;

/** The fields `toRepresentation()` writes (not write-only), with what it needs to read them. */
function readableFields(fields: ReadonlyMap<string, SerializerField>): ReadableField[] {
  const readable: ReadableField[] = [];
  for (const [name, field] of fields) {
    if (field.writeOnly) continue;
    const path = field.getAttribute === DEFAULT_GET_ATTRIBUTE ? field.sourceAttrs : undefined;
    readable.push({ name, field, path });
  }
  return readable;
}

/** Built fields per serializer class, then per scope (the data source of a ModelSerializer). */
const FIELD_TEMPLATES = new WeakMap<object, WeakMap<object, Map<string, SerializerField>>>();

/**
 * The DRF-shaped detail of an error thrown while validating: field errors as they are, a
 * `ValidationFailed` as its `details` (or its message), anything else rethrown.
 *
 * @internal
 */
export function fieldErrorDetail(error: unknown): FieldErrorDetail {
  if (error instanceof FieldValidationError) {
    return error.detail;
  }
  if (error instanceof ValidationFailed) {
    return Object.keys(error.details).length > 0
      ? (error.details as { [key: string]: FieldErrorDetail })
      : [error.message];
  }
  throw error;
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  if (path.length === 0) {
    // `source: '*'`: the field's value holds several attributes of the object. Defined, not
    // assigned: a key `__proto__` (JSON.parse makes it an own key) must stay a key.
    for (const [key, item] of Object.entries(value ?? {})) {
      Object.defineProperty(target, key, {
        value: item as unknown,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return;
  }
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    current = isPlainObject(next) ? next : (current[key] = {});
  }
  current[path[path.length - 1]!] = value;
}
