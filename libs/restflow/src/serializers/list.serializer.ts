import type { ErrorDetails } from '../exceptions/api.exception';
import { ValidationFailed } from '../exceptions/standard.exceptions';
import { DEFAULT_NON_FIELD_ERRORS_KEY } from '../exceptions/validation-details';
import { FieldValidationError } from './fields/field-validation-error';
import { pyTypeName } from './fields/python-format.util';
import type {
  IsValidOptions,
  Serializer,
  SerializerClass,
  SerializerOptions,
  ValidatedData,
} from './serializer';

/** The instance type a serializer works on. @publicApi */
export type InstanceOf<TSerializer> =
  TSerializer extends Serializer<infer TInstance> ? TInstance : never;

/**
 * Many objects through one serializer class: DRF's `many=True`. Validates a list (errors keyed
 * by item index), represents a list, and `save()` creates or updates each item with the child
 * serializer's `create`/`update`.
 *
 * @example
 * ```ts
 * const serializer = new ListSerializer(ProductSerializer, { data: request.body });
 * if (await serializer.isValid()) await serializer.save();
 * else serializer.errors; // { '2': { price: ['A valid number is required.'] } }
 *
 * new ListSerializer(ProductSerializer, { instance: products }).data; // [{...}, {...}]
 * ```
 * @publicApi
 */
export class ListSerializer<
  TSerializer extends Serializer<unknown>,
  TInstance = InstanceOf<TSerializer>,
> {
  private children: TSerializer[] = [];
  private validationErrors: ErrorDetails | undefined;

  constructor(
    readonly child: SerializerClass<TSerializer>,
    private readonly options: SerializerOptions<TInstance[]> = {},
  ) {}

  /** Validates every item; see `Serializer.isValid`. */
  async isValid(options: IsValidOptions = {}): Promise<boolean> {
    if (!this.validationErrors) {
      this.validationErrors = await this.validateItems();
    }
    const valid = Object.keys(this.validationErrors).length === 0;
    if (!valid && options.raiseException) {
      throw new ValidationFailed({ details: this.validationErrors });
    }
    return valid;
  }

  /** Per-index errors; `{}` when valid. */
  get errors(): ErrorDetails {
    if (!this.validationErrors) {
      throw new Error('You must call `.isValid()` before accessing `.errors`.');
    }
    return this.validationErrors;
  }

  /** The validated items. */
  get validatedData(): ValidatedData[] {
    if (!this.validationErrors) {
      throw new Error('You must call `.isValid()` before accessing `.validatedData`.');
    }
    return this.children.map((child) => child.validatedData);
  }

  /** The representation of every instance (or of every validated item). */
  get data(): Record<string, unknown>[] {
    const serializer = this.makeChild(undefined, undefined);
    const items = this.options.instance ?? (this.validationErrors ? this.validatedData : []);
    return items.map((item) => serializer.toRepresentation(item));
  }

  /** Saves every item through the child serializer; resolves the saved instances. */
  async save(extra: ValidatedData = {}): Promise<TInstance[]> {
    if (!this.validationErrors || Object.keys(this.validationErrors).length > 0) {
      throw new Error('You cannot call `.save()` on a serializer with invalid data.');
    }
    const saved: TInstance[] = [];
    for (const child of this.children) {
      saved.push((await child.save(extra)) as TInstance);
    }
    this.options.instance = saved;
    return saved;
  }

  private async validateItems(): Promise<ErrorDetails> {
    const data = this.options.data;
    if (!Array.isArray(data)) {
      const key = this.options.context?.nonFieldErrorsKey ?? DEFAULT_NON_FIELD_ERRORS_KEY;
      return { [key]: [`Expected a list of items but got type "${pyTypeName(data)}".`] };
    }
    const instances = this.options.instance ?? [];
    this.children = data.map((item, index) => this.makeChild(item, instances[index]));
    const errors: ErrorDetails = {};
    for (const [index, child] of this.children.entries()) {
      try {
        if (!(await child.isValid())) {
          errors[String(index)] = child.errors;
        }
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        errors[String(index)] = error.detail;
      }
    }
    return errors;
  }

  private makeChild(data: unknown, instance: TInstance | undefined): TSerializer {
    const Child = this.child as new (options: SerializerOptions<TInstance>) => TSerializer;
    return new Child({
      data,
      instance,
      partial: this.options.partial,
      context: this.options.context,
    });
  }
}
