import { Field } from '../../serializers/field.decorator';
import { Serializer } from '../../serializers/serializer';

/**
 * The body of the obtain endpoint: `{ "username", "password" }`. The password is write-only and
 * never trimmed (a password may begin or end with a space).
 *
 * @example
 * ```ts
 * const serializer = new TokenObtainSerializer({ data: { username: 'ada', password: 'pw' } });
 * await serializer.isValid({ raiseException: true });
 * ```
 * @publicApi
 */
export class TokenObtainSerializer extends Serializer {
  @Field({ type: 'string', maxLength: 1024 })
  username!: string;

  @Field({ type: 'string', writeOnly: true, trimWhitespace: false, maxLength: 4096 })
  password!: string;
}

/**
 * The body of the refresh and blacklist endpoints: `{ "refresh" }`.
 *
 * @example
 * ```ts
 * const serializer = new TokenRefreshSerializer({ data: { refresh: body.refresh } });
 * ```
 * @publicApi
 */
export class TokenRefreshSerializer extends Serializer {
  @Field({ type: 'string', maxLength: 8192 })
  refresh!: string;
}
