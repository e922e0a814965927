import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { SerializerField, type FieldOptions } from './field';

/**
 * Computes a value from the whole instance.
 *
 * @example
 * ```ts
 * const fullName: SerializerMethod = (user) => `${user.firstName} ${user.lastName}`;
 * ```
 * @publicApi
 */
// `any` is the seam that lets `(book: Book) => …` stand where no instance type is known.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SerializerMethod<TInstance = any> = (instance: TInstance) => unknown;

/**
 * Options of {@link SerializerMethodField}: only descriptive ones, since the field is always
 * read-only and reads the whole instance.
 *
 * @example
 * ```ts
 * const options: SerializerMethodFieldOptions = { method: 'getDisplayName', helpText: 'Shown in lists' };
 * ```
 * @publicApi
 */
export interface SerializerMethodFieldOptions extends Pick<
  FieldOptions,
  'label' | 'helpText' | 'errorMessages'
> {
  /**
   * The function to call, or the name of a method on the parent serializer.
   * @default `get` + the field name capitalised (`fullName` → `getFullName`)
   */
  method?: SerializerMethod | string;
}

/**
 * A computed, read-only value (DRF's `SerializerMethodField`): the representation is what the
 * method returns for the instance. The method is a function given as `method`, or a method of
 * the parent serializer, by default `get<FieldName>`, called with the parent as `this`.
 *
 * @example
 * ```ts
 * class UserSerializer {
 *   fullName = new SerializerMethodField().bind('fullName', this);
 *   getFullName(user: User) {
 *     return `${user.firstName} ${user.lastName}`;
 *   }
 * }
 * ```
 * @publicApi
 */
export class SerializerMethodField extends SerializerField<never, unknown> {
  private readonly method: SerializerMethod | string | undefined;

  constructor(options: SerializerMethodFieldOptions = {}) {
    super({ ...options, readOnly: true, source: '*' });
    this.method = options.method;
  }

  /** The name of the parent's method this field calls, when it calls one. */
  get methodName(): string | undefined {
    if (typeof this.method === 'function') return undefined;
    if (this.method !== undefined) return this.method;
    const name = this.fieldName ?? '';
    return `get${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  }

  /**
   * Binds the field; with a parent, checks at once that the named method exists.
   *
   * @throws {RestflowConfigError} when the parent has no such method
   * @example
   * ```ts
   * new SerializerMethodField().bind('fullName', serializer); // needs serializer.getFullName
   * ```
   */
  override bind(fieldName: string, parent?: object): this {
    super.bind(fieldName, parent);
    if (parent !== undefined) this.resolve();
    return this;
  }

  /**
   * Never called: the field is read-only, so {@link SerializerField.runValidation} skips it.
   *
   * @example
   * ```ts
   * await new SerializerMethodField().runValidation('ignored'); // SKIP
   * ```
   */
  toInternalValue(_data: unknown): never {
    throw new TypeError('SerializerMethodField is read-only and has no internal value.');
  }

  /**
   * Calls the method with the whole instance.
   *
   * @example
   * ```ts
   * new SerializerMethodField({ method: (book: Book) => book.pages > 300 }).toRepresentation(book);
   * ```
   */
  override toRepresentation(instance: unknown): unknown {
    return this.resolve()(instance);
  }

  private resolve(): SerializerMethod {
    if (typeof this.method === 'function') {
      const method = this.method;
      return (instance) => method.call(this.parent, instance);
    }
    const name = this.methodName ?? '';
    const parent = this.parent as Record<string, unknown> | undefined;
    const method = parent?.[name];
    if (typeof method !== 'function') {
      const owner = parent?.constructor.name ?? 'its serializer';
      throw new RestflowConfigError(
        'method',
        `SerializerMethodField "${this.fieldName ?? ''}" calls ${name}(instance), which ${owner} does not define. Fix: add the method, or pass { method }.`,
      );
    }
    return (instance) => (method as SerializerMethod).call(parent, instance);
  }
}
