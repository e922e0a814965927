import type { ValidationError } from 'class-validator';
import { clientKeyedRecord } from '../core/client-keyed-record.util';
import type { ErrorDetails } from './api.exception';
import { ValidationFailed } from './standard.exceptions';

/** Key of messages that concern the whole object rather than one field (DRF's default). */
export const DEFAULT_NON_FIELD_ERRORS_KEY = 'non_field_errors';

/**
 * Turns class-validator's error tree into DRF-shaped details: each field maps to its messages,
 * nested objects and arrays become nested objects (array items keyed by index).
 *
 * @example
 * ```ts
 * toValidationDetails(await validate(dto));
 * // { name: ['name must be a string'], address: { city: ['city should not be empty'] } }
 * ```
 * @publicApi
 */
export function toValidationDetails(errors: readonly ValidationError[]): ErrorDetails {
  // Keyed by body properties, which the client chooses (`__proto__` included).
  const details = clientKeyedRecord<ErrorDetails[string]>();
  for (const error of errors) {
    const messages = Object.values(error.constraints ?? {});
    const children = error.children?.length ? toValidationDetails(error.children) : undefined;
    if (children && messages.length) {
      details[error.property] = Object.assign(clientKeyedRecord(), children, {
        [DEFAULT_NON_FIELD_ERRORS_KEY]: messages,
      });
    } else {
      details[error.property] = children ?? messages;
    }
  }
  return details;
}

/**
 * An `exceptionFactory` for Nest's `ValidationPipe` that keeps the field structure, so the
 * `validation_error` envelope has exact per-field `details` (nested DTOs included).
 *
 * @example
 * ```ts
 * app.useGlobalPipes(new ValidationPipe({ exceptionFactory: validationExceptionFactory }));
 * // 400 {"error":{"code":"validation_error","message":"Request validation failed.",
 * //       "details":{"price":["price must be a positive number"]}}}
 * ```
 * @publicApi
 */
export function validationExceptionFactory(errors: ValidationError[]): ValidationFailed {
  return new ValidationFailed({ details: toValidationDetails(errors) });
}

// Messages of ValidationPipe's default factory are flat strings such as
// "address.city must be a string". class-validator's own messages start with the property path
// (lower camel case), so that prefix is the field; anything else (custom prose, which starts with
// a capital) concerns the whole object. validationExceptionFactory avoids the guessing.
const FIELD_PREFIX = /^([a-z_$][\w$]*(?:\.[\w$]+)*) \S/;
const FIELD_TEMPLATES = [
  /^property (\S+) should not exist$/,
  /^nested property (\S+) must be either object or array$/,
];
const OBJECT_TEMPLATES = [/^an unknown value was passed to the validate function$/];

/**
 * Rebuilds per-field details from the flat messages of Nest's default `ValidationPipe`.
 *
 * @internal
 */
export function detailsFromPipeMessages(
  messages: readonly string[],
  nonFieldErrorsKey: string,
): ErrorDetails {
  const details = clientKeyedRecord<ErrorDetails[string]>();
  for (const message of messages) {
    const path = OBJECT_TEMPLATES.some((template) => template.test(message))
      ? undefined
      : (FIELD_TEMPLATES.map((template) => template.exec(message)?.[1]).find(Boolean) ??
        FIELD_PREFIX.exec(message)?.[1]);
    addMessage(details, path ? path.split('.') : [nonFieldErrorsKey], message);
  }
  return details;
}

function addMessage(details: ErrorDetails, path: readonly string[], message: string): void {
  const [head, ...rest] = path;
  if (head === undefined) {
    return;
  }
  const current = details[head];
  if (rest.length === 0 && current !== undefined && !Array.isArray(current)) {
    addMessage(current as ErrorDetails, [DEFAULT_NON_FIELD_ERRORS_KEY], message);
    return;
  }
  if (rest.length === 0 || Array.isArray(current)) {
    details[head] = Array.isArray(current) ? [...(current as unknown[]), message] : [message];
    return;
  }
  const nested = (current ?? clientKeyedRecord()) as ErrorDetails;
  details[head] = nested;
  addMessage(nested, rest, message);
}
