/**
 * Serializer fields: DRF's field types with DRF's behaviour and messages, as plain classes.
 * Internal helpers (Python formatting, decimal arithmetic, date parsing) are not exported.
 */
export { BooleanField } from './boolean.field';
export { CharField } from './char.field';
export type { CharFieldOptions } from './char.field';
export { ChoiceField } from './choice.field';
export type { ChoiceFieldOptions } from './choice.field';
export type { Choices, ChoiceValue } from './choices.util';
export { databaseValidator } from './database-validator';
export { DateField } from './date.field';
export { DateTimeField } from './date-time.field';
export { DecimalField } from './decimal.field';
export type { DecimalFieldOptions } from './decimal.field';
export type { DecimalRounding } from './decimal.util';
export { DurationField } from './duration.field';
export type { DurationFieldOptions } from './duration.field';
export { EmailField } from './email.field';
export { EMPTY, SerializerField, SKIP } from './field';
export type { FieldOpenApi, FieldOpenApiSchema, FieldOptions, FieldValidator } from './field';
export { fieldForType, SerializerFieldMap } from './field-type-map';
export type { FieldFactory, FieldTypeOptions } from './field-type-map';
export { FieldValidationError } from './field-validation-error';
export type { FieldErrorDetail } from './field-validation-error';
export { FloatField } from './float.field';
export type { FloatFieldOptions } from './float.field';
export { IntegerField } from './integer.field';
export type { IntegerFieldOptions } from './integer.field';
export { IPAddressField } from './ip-address.field';
export type { IPAddressFieldOptions, IPAddressProtocol } from './ip-address.field';
export { JSONField } from './json.field';
export type { JSONFieldOptions } from './json.field';
export { ListField } from './list.field';
export type { ListFieldOptions } from './list.field';
export { MultipleChoiceField } from './multiple-choice.field';
export type { MultipleChoiceFieldOptions } from './multiple-choice.field';
export { SerializerMethodField } from './serializer-method.field';
export type { SerializerMethod, SerializerMethodFieldOptions } from './serializer-method.field';
export { TimeField } from './time.field';
export { URLField } from './url.field';
export type { URLFieldOptions } from './url.field';
export { UUIDField } from './uuid.field';
export type { UUIDFieldOptions, UUIDFormat } from './uuid.field';
