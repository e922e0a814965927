import { BooleanField } from '../serializers/fields/boolean.field';
import { CharField } from '../serializers/fields/char.field';
import { ChoiceField } from '../serializers/fields/choice.field';
import { DateField } from '../serializers/fields/date.field';
import { DateTimeField } from '../serializers/fields/date-time.field';
import { DecimalField } from '../serializers/fields/decimal.field';
import { DurationField } from '../serializers/fields/duration.field';
import { EmailField } from '../serializers/fields/email.field';
import type { SerializerField } from '../serializers/fields/field';
import { FloatField } from '../serializers/fields/float.field';
import { IntegerField } from '../serializers/fields/integer.field';
import { ListField } from '../serializers/fields/list.field';
import { MultipleChoiceField } from '../serializers/fields/multiple-choice.field';
import { TimeField } from '../serializers/fields/time.field';
import { URLField } from '../serializers/fields/url.field';
import { UUIDField } from '../serializers/fields/uuid.field';
import { NestedField } from '../serializers/nested.field';
import type { Serializer } from '../serializers/serializer';

/**
 * The body of an `OPTIONS` answer (DRF's `SimpleMetadata`): the view's name and description,
 * the media types it renders and parses, and, for the write methods the caller may use, the
 * fields of the request serializer.
 *
 * @example
 * ```json
 * {
 *   "name": "Product List",
 *   "description": "",
 *   "renders": ["application/json"],
 *   "parses": ["application/json", "application/x-www-form-urlencoded"],
 *   "actions": { "POST": { "name": { "type": "string", "required": true, "read_only": false, "label": "Name", "max_length": 100 } } }
 * }
 * ```
 * @publicApi
 */
export interface ViewMetadata {
  name: string;
  description: string;
  renders: string[];
  parses: string[];
  actions?: Record<string, Record<string, FieldMetadata>>;
}

/**
 * What `OPTIONS` says about one serializer field (DRF's `SimpleMetadata.get_field_info`): its
 * type label, `required`, `read_only`, `label`, and the limits and choices it has.
 *
 * @example
 * ```json
 * { "type": "choice", "required": false, "read_only": false, "label": "Status", "choices": [{ "value": "draft", "display_name": "draft" }] }
 * ```
 * @publicApi
 */
export interface FieldMetadata {
  type: string;
  required: boolean;
  read_only: boolean;
  label?: string;
  help_text?: string;
  min_length?: number;
  max_length?: number;
  min_value?: number | string;
  max_value?: number | string;
  max_digits?: number;
  decimal_places?: number;
  choices?: { value: unknown; display_name: unknown }[];
  child?: FieldMetadata;
  children?: Record<string, FieldMetadata>;
}

/** DRF's `label_lookup`, most specific class first. */
const TYPE_LABELS: readonly [abstract new (...args: never[]) => SerializerField, string][] = [
  [BooleanField, 'boolean'],
  [EmailField, 'email'],
  [URLField, 'url'],
  [UUIDField, 'string'],
  [CharField, 'string'],
  [IntegerField, 'integer'],
  [FloatField, 'float'],
  [DecimalField, 'decimal'],
  [DateTimeField, 'datetime'],
  [DateField, 'date'],
  [TimeField, 'time'],
  [DurationField, 'duration'],
  [MultipleChoiceField, 'multiple choice'],
  [ChoiceField, 'choice'],
  [ListField, 'list'],
  [NestedField, 'nested object'],
];

/** The limits DRF lists, by the property our fields keep them in. */
const LIMITS = [
  ['minLength', 'min_length'],
  ['maxLength', 'max_length'],
  ['minValue', 'min_value'],
  ['maxValue', 'max_value'],
  ['maxDigits', 'max_digits'],
  ['decimalPlaces', 'decimal_places'],
] as const;

/**
 * The `actions` entry of one write method: every field of the serializer (DRF's
 * `get_serializer_info`), read-only ones included and marked so.
 *
 * @example
 * ```ts
 * serializerMetadata(view.getSerializer(request, { direction: 'request' })).name.max_length;
 * ```
 * @internal
 */
export function serializerMetadata(serializer: Serializer): Record<string, FieldMetadata> {
  return fieldsMetadata(serializer.fields);
}

function fieldsMetadata(
  fields: ReadonlyMap<string, SerializerField>,
): Record<string, FieldMetadata> {
  const described: Record<string, FieldMetadata> = {};
  for (const [name, field] of fields) described[name] = fieldMetadata(field);
  return described;
}

/**
 * DRF's `SimpleMetadata.get_field_info` for one field.
 *
 * @example
 * ```ts
 * fieldMetadata(new CharField({ maxLength: 5 })); // { type: 'string', required: true, read_only: false, max_length: 5 }
 * ```
 * @internal
 */
export function fieldMetadata(field: SerializerField): FieldMetadata {
  const type = TYPE_LABELS.find(([fieldClass]) => field instanceof fieldClass)?.[1] ?? 'field';
  const info: FieldMetadata = { type, required: field.required, read_only: field.readOnly };
  if (field.label) info.label = field.label;
  if (field.helpText) info.help_text = field.helpText;
  const limits = field as unknown as Record<string, unknown>;
  for (const [property, key] of LIMITS) {
    const value = limits[property];
    if (typeof value === 'number' || (typeof value === 'string' && value !== '')) {
      (info as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (field instanceof ListField) {
    info.child = fieldMetadata(field.child as SerializerField);
  } else if (field instanceof NestedField) {
    const nested = new field.nestedClass({
      context: (field.parent as Serializer | undefined)?.context,
    });
    info.children = fieldsMetadata(nested.fields);
  }
  if (!field.readOnly && (field instanceof ChoiceField || field instanceof MultipleChoiceField)) {
    info.choices = field.choices.map((value) => ({ value, display_name: value }));
  }
  return info;
}
