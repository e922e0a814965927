import { Injectable, type CanActivate } from '@nestjs/common';

/** Placeholder, replaced by the throttling work. @internal */
@Injectable()
export class ThrottleGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
