export {
  BooleanField,
  CharField,
  ChoiceField,
  databaseValidator,
  DateField,
  DateTimeField,
  DecimalField,
  DurationField,
  EmailField,
  EMPTY,
  fieldForType,
  FieldValidationError,
  FloatField,
  IntegerField,
  IPAddressField,
  JSONField,
  ListField,
  MultipleChoiceField,
  SerializerField,
  SerializerFieldMap,
  SerializerMethodField,
  SKIP,
  TimeField,
  URLField,
  UUIDField,
} from './fields';
export type * from './fields';
export { Field } from './field.decorator';
export type { FieldDeclaration, FieldKind } from './field.decorator';
export { InlineSerializer } from './inline-serializer';
export type { InlineFieldSpec, InlineSerializerOptions } from './inline-serializer';
export { ListSerializer } from './list.serializer';
export type { InstanceOf } from './list.serializer';
export { ManyRelatedField } from './many-related.field';
export type { ManyRelatedFieldOptions } from './many-related.field';
export { ModelSerializer } from './model-serializer';
export type { ModelSerializerMeta } from './model-serializer';
export { NestedField } from './nested.field';
export type { NestedFieldOptions } from './nested.field';
export { PrimaryKeyRelatedField } from './primary-key-related.field';
export type { PrimaryKeyRelatedFieldOptions } from './primary-key-related.field';
export { Serializer } from './serializer';
export type {
  IsValidOptions,
  SerializerClass,
  SerializerOptions,
  ValidatedData,
} from './serializer';
export type { SerializerContext } from './serializer-context.interface';
export { SerializedBody, SerializerPipe } from './serializer.pipe';
export { SerializerFieldsCheck } from './serializer-fields.check';
export type { SerializerPipeOptions } from './serializer.pipe';
