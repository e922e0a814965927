export { BlacklistedToken } from './blacklisted-token.entity';
export { CacheTokenBlacklist } from './cache-token-blacklist';
export { EntityTokenBlacklist } from './entity-token-blacklist';
export { JwtAuthController } from './jwt-auth.controller';
export { JwtAuthModule } from './jwt-auth.module';
export type { JwtAuthModuleOptions } from './jwt-auth.module';
export { TokenObtainSerializer, TokenRefreshSerializer } from './jwt-auth.serializers';
export { JWT_ALGORITHMS } from './jwt-algorithms';
export type { JwtAlgorithm } from './jwt-algorithms';
export { JWTAuthentication } from './jwt.authentication';
export type { JwtPayload } from './jwt.codec';
export { checkJwtOptions } from './jwt.options';
export type { JwtOptions } from './jwt.options';
export { AccessToken, JwtToken, RefreshToken } from './jwt.tokens';
export type { JwtTokenClass } from './jwt.tokens';
export { RedisTokenBlacklist } from './redis-token-blacklist';
export type {
  RedisTokenBlacklistClient,
  RedisTokenBlacklistOptions,
} from './redis-token-blacklist';
export { TokenBlacklist } from './token-blacklist';
export { TokenError } from './token-error';
export { TokenService } from './token.service';
export type { AccessTokenAuthentication, RefreshResult, TokenPair } from './token.service';
