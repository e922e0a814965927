import type { SchemaObject } from '@nestjs/swagger';
import { JwtAuthController } from '../authentication/jwt/jwt-auth.controller';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import type { OpenApiOperationOptions } from './openapi-operation.decorator';
import type { SchemaComponents } from './schema-components';

/**
 * What the token endpoints of {@link JwtAuthController} document beyond their request
 * serializers: summaries and the token bodies they answer (`TokenPairResponse`, `TokenRefreshResponse`), which
 * are plain objects rather than serializers. `undefined` for any other view or action.
 *
 * @internal
 */
export function jwtAuthOperation(
  view: object,
  action: string,
  options: ResolvedRestflowOptions,
  components: SchemaComponents,
): OpenApiOperationOptions | undefined {
  if (!(view instanceof JwtAuthController)) return undefined;
  const token = (description: string): SchemaObject => ({ type: 'string', description });
  const access = token('A short-lived access token: send it as `Authorization: Bearer <access>`.');
  const refresh = token(
    'A refresh token: trade it at the refresh endpoint for a new access token.',
  );
  switch (action) {
    case 'obtainToken':
      return {
        summary: 'Obtain a token pair',
        description: 'An access and a refresh token for the credentials of an active user.',
        responses: {
          200: {
            description: 'The token pair.',
            content: {
              'application/json': {
                schema: components.ref('TokenPairResponse', 'JWT token pair', () => ({
                  type: 'object',
                  required: ['access', 'refresh'],
                  properties: { access, refresh },
                })),
              },
            },
          },
        },
      };
    case 'refreshToken': {
      const rotates = options.jwt.rotateRefreshTokens !== false;
      return {
        summary: 'Refresh an access token',
        description: rotates
          ? 'A new access token and a new refresh token; the refresh token sent is blacklisted.'
          : 'A new access token.',
        responses: {
          200: {
            description: 'The new token(s).',
            content: {
              'application/json': {
                schema: components.ref('TokenRefreshResponse', 'JWT refresh result', () => {
                  const properties: Record<string, SchemaObject> = { access };
                  if (rotates) properties.refresh = refresh;
                  return { type: 'object', required: Object.keys(properties), properties };
                }),
              },
            },
          },
        },
      };
    }
    case 'blacklistToken':
      return {
        summary: 'Blacklist a refresh token',
        description: 'Revokes the refresh token ("log out"). Idempotent.',
      };
    default:
      return undefined;
  }
}
