import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { verifyPassword, type UserProvider } from 'nestjs-restflow';
import type { Repository } from 'typeorm';
import { User } from './user.entity';

/**
 * The catalog's users for the library's authenticators: found by id (tokens), by username and
 * password (`POST /api/auth/token`), active unless `isActive` is false; tokens issued before a
 * password change are refused (`getPasswordHash`).
 */
@Injectable()
export class UsersProvider implements UserProvider<User> {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async findById(id: string | number): Promise<User | null> {
    const key = Number(id);
    return Number.isSafeInteger(key) ? this.users.findOneBy({ id: key }) : null;
  }

  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const found = await this.users.findOneBy({ username });
    // MySQL/MariaDB collations compare case-insensitively: the name must match exactly.
    const user = found?.username === username ? found : null;
    // verifyPassword spends one scrypt even without a user: unknown names take as long.
    return (await verifyPassword(password, user?.passwordHash)) ? user : null;
  }

  isActive(user: User): boolean {
    return user.isActive;
  }

  getId(user: User): number {
    return user.id;
  }

  /** Tokens carry a fingerprint of it: changing the password revokes them (checkRevokeToken). */
  getPasswordHash(user: User): string {
    return user.passwordHash;
  }
}
