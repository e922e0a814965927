import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { UsersProvider } from './users.provider';

/** The users and their {@link UsersProvider}, exported for the authenticators. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [UsersProvider],
  exports: [UsersProvider, TypeOrmModule],
})
export class UsersModule {}
