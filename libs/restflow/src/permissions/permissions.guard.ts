import { Injectable, type CanActivate } from '@nestjs/common';

/** Placeholder, replaced by the permissions work. @internal */
@Injectable()
export class PermissionsGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
