export { AnonymousUser, ANONYMOUS_USER, isAuthenticatedUser } from './anonymous-user';
export { notAuthenticated, withAuthenticationChallenge } from './authentication-challenge';
export { AuthenticationGuard } from './authentication.guard';
export type { AuthenticationOptions } from './authentication.options';
export type {
  AuthenticationResult,
  Authenticator,
  AuthenticatorClass,
} from './authenticator.interface';
export type { UserProvider } from './user-provider.interface';

export { BasicAuthentication } from './basic.authentication';
export { TokenAuthentication } from './token.authentication';
export {
  AuthToken,
  createAuthToken,
  revokeAuthToken,
  revokeUserAuthTokens,
} from './auth-token.entity';
export type { AuthTokenStore } from './auth-token.entity';
export { SessionAuthentication } from './session.authentication';
export type { HttpSession } from './session.authentication';
export { RemoteUserAuthentication } from './remote-user.authentication';
export { hashPassword, verifyPassword } from './password-hasher';
export type { PasswordHashOptions } from './password-hasher';

// JSON Web Tokens (the jwt folder's own barrel).
export * from './jwt';
