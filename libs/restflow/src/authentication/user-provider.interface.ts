/**
 * What the library needs to know about the application's users: the app implements it (usually
 * over its own TypeORM entity) and names the class in
 * `RestflowModule.forRoot({ authentication: { userProvider } })`. It is resolved through Nest's
 * dependency injection (register it as a provider of your module to inject repositories).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UsersProvider implements UserProvider<User> {
 *   constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
 *   findById(id: string | number) {
 *     return this.users.findOneBy({ id: Number(id) });
 *   }
 *   async verifyCredentials(username: string, password: string) {
 *     const user = await this.users.findOneBy({ username });
 *     return user && (await verifyPassword(password, user.passwordHash)) ? user : null;
 *   }
 *   isActive(user: User) {
 *     return user.isActive;
 *   }
 *   getId(user: User) {
 *     return user.id;
 *   }
 *   findByUsername(username: string) {
 *     return this.users.findOneBy({ username });
 *   }
 *   getPasswordHash(user: User) {
 *     return user.passwordHash;
 *   }
 * }
 * ```
 * @publicApi
 */
export interface UserProvider<TUser = unknown> {
  /** The user with this id, or `null`. `id` comes from a token or a session: never trust its type. */
  findById(id: string | number): Promise<TUser | null> | TUser | null;
  /** The user whose credentials these are, or `null` (unknown user or wrong password). */
  verifyCredentials(username: string, password: string): Promise<TUser | null> | TUser | null;
  /** Whether the user may still sign in (DRF's `is_active`). */
  isActive(user: TUser): boolean;
  /** The stable identifier stored in tokens and sessions. */
  getId(user: TUser): string | number;
  /**
   * The user with this username, or `null`. Optional: only `RemoteUserAuthentication` needs it
   * (the trusted proxy names the user, no password is checked).
   */
  findByUsername?(username: string): Promise<TUser | null> | TUser | null;
  /**
   * The user's stored password hash (`null` for a user without a password). Optional: when
   * implemented, JWTs carry a fingerprint of it (`jwt.revokeTokenClaim`) and are refused once
   * it changes, so a password change revokes every token issued before it
   * (`jwt.checkRevokeToken`).
   */
  getPasswordHash?(user: TUser): string | null;
}
